import KeywardCrypto
import Testing

@Suite("MD5")
struct MD5Tests {
    /// The test suite of RFC 1321, appendix A.5.
    @Test(
        "RFC 1321 test suite",
        arguments: [
            ("", "d41d8cd98f00b204e9800998ecf8427e"),
            ("a", "0cc175b9c0f1b6a831c399e269772661"),
            ("abc", "900150983cd24fb0d6963f7d28e17f72"),
            ("message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
            ("abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"),
            (
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
                "d174ab98d277d9f5a5611c2c9f419d9f"
            ),
            (
                "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
                "57edf4a22be3c955ac49da2e2107b67a"
            ),
        ]
    )
    func rfc1321(input: String, expected: String) {
        #expect(MD5.hex(input.utf8) == expected)
        #expect(MD5.hex(Array(input.utf8)) == expected)
    }

    /// Lengths around the padding boundaries (55/56 bytes, one block, one block and one byte),
    /// checked against Python's `hashlib.md5`.
    @Test(
        "padding boundaries",
        arguments: [
            (55, "ef1772b6dff9a122358552954ad0df65"),
            (56, "3b0c8ac703f828b04c6c197006d17218"),
            (63, "b06521f39153d618550606be297466d5"),
            (64, "014842d480b571495a4a0363793f7367"),
            (65, "c743a45e0d2e6a95cb859adae0248435"),
            (1000, "cabe45dcc9ae5b66ba86600cca6b8ba8"),
        ]
    )
    func paddingBoundaries(length: Int, expected: String) {
        #expect(MD5.hex(repeatElement(UInt8(ascii: "a"), count: length)) == expected)
        #expect(MD5.hex([UInt8](repeating: UInt8(ascii: "a"), count: length)) == expected)
    }

    @Test("UTF-8 input is hashed as its bytes, as PHP's md5() does")
    func utf8() {
        #expect(MD5.hex("pässwörd✓".utf8) == "51295a72ecefeabd31c8ca67b864084f")
    }
}
