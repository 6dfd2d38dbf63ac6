import KeywardCore
import KeywardCrypto
import Testing

/// Expected values computed independently with Python's `hashlib.blake2b(data, key=key,
/// digest_size=32)` and the key `00 01 … 1f`.
@Suite("BLAKE2bSecretHasher")
struct BLAKE2bSecretHasherTests {
    let hasher: BLAKE2bSecretHasher

    init() throws {
        hasher = BLAKE2bSecretHasher(key: try ServerKey(hex: referenceKeyHex))
    }

    @Test(
        "secret hashes match reference values",
        arguments: [
            ("kwsk_example", "5dcc567b10a756bc3bffceba0d1aa154172e16852473909d0fe1cd4c9aea4c82"),
            ("", "4e51e7a913fc80137da52880fecca175bf81e117d5c68126dc2774033517ea0d"),
            ("pässwörd✓", "4fd9dc886fdaf57216f9ee5783eec28b5cd881cabd6016a6332f64bc6a236f57"),
            (
                String(repeating: "a", count: 1000),
                "7fb8eb2f015f5d87a2633639d81269fc6bcfa8bb10a1298f449242a72dcb143a"
            ),
        ]
    )
    func secretReference(secret: String, expected: String) {
        #expect(hasher.hash(secret: secret).hex == expected)
        // The digest's words and bytes agree with KeywardCore's byte order.
        #expect(Digest32(hasher.hash(secret: secret).bytes) == hasher.hash(secret: secret))
    }

    @Test("md5Hex is lower-cased before hashing, also past the stack chunk size")
    func md5HexReference() {
        let expected = "23b91853f7261956069566d283a3af304bcb4edbe417b90b5091384cffbb9f16"
        #expect(hasher.hash(md5Hex: "0123456789abcdef0123456789abcdef").hex == expected)
        #expect(hasher.hash(md5Hex: "0123456789ABCDEF0123456789ABCDEF").hex == expected)
        #expect(hasher.hash(md5Hex: "0123456789aBcDeF0123456789AbCdEf").hex == expected)
        let long = "7fb8eb2f015f5d87a2633639d81269fc6bcfa8bb10a1298f449242a72dcb143a"
        #expect(hasher.hash(md5Hex: String(repeating: "A", count: 1000)).hex == long)
    }

    @Test("token hashes are the keyed hash of purpose, a zero byte, and the token")
    func tokenReference() {
        let expected = "ad6303c1faf31a517a864b2417219a8d2440ae1dc6143e3647a1ddfd3b973ec3"
        #expect(hasher.hash(token: "tok", purpose: "session").hex == expected)
    }

    @Test("purposes separate token hashes from each other and from secret hashes")
    func domainSeparation() {
        let token = "abcdef"
        let session = hasher.hash(token: token, purpose: "session")
        #expect(session != hasher.hash(token: token, purpose: "csrf"))
        #expect(session != hasher.hash(secret: token))
        #expect(hasher.hash(token: token, purpose: "") != hasher.hash(secret: token))
        // Moving bytes between purpose and token changes the hash.
        #expect(hasher.hash(token: "nab", purpose: "sessio") != hasher.hash(token: "ab", purpose: "session"))
    }

    @Test("digest fills both hashes and the key id; round trips verify")
    func digestRoundTrip() {
        let secret = RandomCredentialGenerator().newSecret()
        let digest = hasher.digest(secret: secret)
        #expect(digest.keyID == hasher.keyID)
        #expect(digest.keyID == "4615bfac")
        #expect(digest.secretHash == hasher.hash(secret: secret))
        let md5 = MD5.hex(secret.utf8)
        #expect(digest.compatHash == hasher.hash(md5Hex: md5))
        #expect(digest.compatHash == hasher.hash(md5Hex: md5.uppercased()))
        #expect(digest.secretHash != digest.compatHash)
    }

    @Test("a wrong secret or MD5 does not match")
    func wrongSecretFails() {
        let generator = RandomCredentialGenerator()
        let secret = generator.newSecret()
        let digest = hasher.digest(secret: secret)
        let other = generator.newSecret()
        #expect(hasher.hash(secret: other) != digest.secretHash)
        #expect(hasher.hash(secret: secret.dropLast()) != digest.secretHash)
        #expect(hasher.hash(secret: secret + " ") != digest.secretHash)
        #expect(hasher.hash(md5Hex: MD5.hex(other.utf8)) != digest.compatHash)
        // The secret itself is not accepted where its MD5 is expected, nor the reverse.
        #expect(hasher.hash(md5Hex: secret) != digest.compatHash)
        #expect(hasher.hash(secret: MD5.hex(secret.utf8)) != digest.secretHash)
    }

    @Test("different keys give different hashes and key ids")
    func differentKeys() throws {
        let other = BLAKE2bSecretHasher(key: .generate())
        #expect(other.keyID != hasher.keyID)
        #expect(other.hash(secret: "kwsk_example") != hasher.hash(secret: "kwsk_example"))
        #expect(
            other.hash(md5Hex: "0123456789abcdef0123456789abcdef")
                != hasher.hash(md5Hex: "0123456789abcdef0123456789abcdef"))
        #expect(other.hash(token: "t", purpose: "p") != hasher.hash(token: "t", purpose: "p"))
    }

    @Test("substrings hash like strings")
    func substrings() {
        let text = "xxkwsk_examplexx"
        let slice = text.dropFirst(2).dropLast(2)
        #expect(hasher.hash(secret: slice) == hasher.hash(secret: "kwsk_example"))
        #expect(hasher.hash(md5Hex: slice) == hasher.hash(md5Hex: "kwsk_example"))
        #expect(hasher.hash(token: slice, purpose: "p") == hasher.hash(token: "kwsk_example", purpose: "p"))
    }

    @Test("the per-request path stays consistent over many calls")
    func hotPathLoop() {
        // A quick loop over the per-request calls; no timing assertion (run it under a profiler or
        // with `valgrind --tool=massif` to measure). It checks that results never drift.
        let secret = "kwsk_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG0fcEhG"
        let md5 = MD5.hex(secret.utf8).uppercased()
        let expectedSecret = hasher.hash(secret: secret)
        let expectedMD5 = hasher.hash(md5Hex: md5)
        let expectedToken = hasher.hash(token: secret, purpose: "session")
        var mismatches = 0
        for _ in 0..<20_000 {
            if hasher.hash(secret: secret) != expectedSecret { mismatches += 1 }
            if hasher.hash(md5Hex: md5) != expectedMD5 { mismatches += 1 }
            if hasher.hash(token: secret, purpose: "session") != expectedToken { mismatches += 1 }
        }
        #expect(mismatches == 0)
    }
}
