import KeywardCrypto
import Testing

@Suite("SecretFormat")
struct SecretFormatTests {
    @Test("lengths and prefixes")
    func constants() {
        #expect(SecretFormat.identifierLength == 29)
        #expect(SecretFormat.secretLength == 54)
        #expect(SecretFormat.identifierPrefix == "kwid_")
        #expect(SecretFormat.secretPrefix == "kwsk_")
    }

    /// Checksums computed independently with Python's `zlib.crc32` and base-62 `0-9A-Za-z`.
    @Test(
        "reference secrets are well formed",
        arguments: [
            "kwsk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA2aZkBw",
            "kwsk_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG0fcEhG",
        ]
    )
    func referenceSecrets(secret: String) {
        #expect(SecretFormat.isWellFormedSecret(secret))
        #expect(SecretFormat.isWellFormedSecret(Substring(secret)))
    }

    @Test("changing any one character after the prefix breaks the checksum")
    func oneCharacterChange() {
        let secret = Array(RandomCredentialGenerator().newSecret().utf8)
        let alphabet = Array(base62Alphabet)
        for position in 5..<secret.count {
            for replacement in alphabet where replacement != secret[position] {
                var changed = secret
                changed[position] = replacement
                #expect(!SecretFormat.isWellFormedSecret(String(decoding: changed, as: UTF8.self)))
            }
        }
    }

    @Test("swapping two different adjacent characters breaks the checksum")
    func transposition() {
        let secret = Array("kwsk_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG0fcEhG".utf8)
        for position in 5..<(secret.count - 1) where secret[position] != secret[position + 1] {
            var changed = secret
            changed.swapAt(position, position + 1)
            #expect(!SecretFormat.isWellFormedSecret(String(decoding: changed, as: UTF8.self)))
        }
    }

    @Test(
        "malformed secrets are refused",
        arguments: [
            "",
            "kwsk_",
            "kwsk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA2aZkB",
            "kwsk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA2aZkBwA",
            "kwsx_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA2aZkBw",
            "KWSK_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA2aZkBw",
            "kwid_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA2aZkBw",
            "kwsk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA_2aZkBw",
            "kwsk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAÄ2aZkBw",
            " kwsk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA2aZkBw",
            "0123456789abcdef0123456789abcdef",
        ]
    )
    func malformedSecrets(value: String) {
        #expect(!SecretFormat.isWellFormedSecret(value))
    }

    @Test(
        "identifier shapes",
        arguments: [
            ("kwid_0123456789abcdefghijklmn", true),
            ("kwid_ABCDEFGHIJKLMNOPQRSTUVWX", true),
            ("kwid_0123456789abcdefghijklm", false),
            ("kwid_0123456789abcdefghijklmno", false),
            ("kwsk_0123456789abcdefghijklmn", false),
            ("kwid_0123456789abcdefghijkl-n", false),
            ("kwid_0123456789abcdefghijkl_n", false),
            ("", false),
            ("D4Nq6UmbMc8VKa5qAvPnJNZrkUkdaAmY", false),
        ]
    )
    func identifiers(value: String, expected: Bool) {
        #expect(SecretFormat.isWellFormedIdentifier(value) == expected)
    }
}
