import KeywardCore
import KeywardCrypto
import Testing

let base62Alphabet = Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)
let base64URLAlphabet = base62Alphabet.union("-_".utf8)

@Suite("RandomCredentialGenerator")
struct RandomCredentialGeneratorTests {
    let generator = RandomCredentialGenerator()

    @Test("identifiers are kwid_ and 24 base-62 characters")
    func identifierFormat() {
        for _ in 0..<1000 {
            let identifier = generator.newIdentifier()
            #expect(identifier.utf8.count == 29)
            #expect(identifier.hasPrefix("kwid_"))
            #expect(identifier.utf8.dropFirst(5).allSatisfy(base62Alphabet.contains))
            #expect(SecretFormat.isWellFormedIdentifier(identifier))
        }
    }

    @Test("secrets are kwsk_, 43 base-62 characters and a 6-character checksum")
    func secretFormat() {
        for _ in 0..<1000 {
            let secret = generator.newSecret()
            #expect(secret.utf8.count == 54)
            #expect(secret.hasPrefix("kwsk_"))
            #expect(secret.utf8.dropFirst(5).allSatisfy(base62Alphabet.contains))
            #expect(SecretFormat.isWellFormedSecret(secret))
        }
    }

    @Test("tokens are 43 base64url characters without padding")
    func tokenFormat() {
        for _ in 0..<1000 {
            let token = generator.newToken()
            #expect(token.utf8.count == 43)
            #expect(token.utf8.allSatisfy(base64URLAlphabet.contains))
        }
    }

    @Test("10,000 draws of each kind are all distinct")
    func uniqueness() {
        var identifiers = Set<String>()
        var secrets = Set<String>()
        var tokens = Set<String>()
        for _ in 0..<10_000 {
            identifiers.insert(generator.newIdentifier())
            secrets.insert(generator.newSecret())
            tokens.insert(generator.newToken())
        }
        #expect(identifiers.count == 10_000)
        #expect(secrets.count == 10_000)
        #expect(tokens.count == 10_000)
    }

    @Test("every base-62 character occurs in random positions, and every base64url one in tokens")
    func alphabetCoverage() {
        var seen = Set<UInt8>()
        var seenInTokens = Set<UInt8>()
        for _ in 0..<2000 {
            seen.formUnion(generator.newSecret().utf8.dropFirst(5).prefix(43))
            seen.formUnion(generator.newIdentifier().utf8.dropFirst(5))
            seenInTokens.formUnion(generator.newToken().utf8)
        }
        #expect(seen == base62Alphabet)
        #expect(seenInTokens == base64URLAlphabet)
    }

    @Test("random characters are roughly uniform")
    func roughlyUniform() {
        // 43 × 2000 = 86,000 draws: about 1,387 per character with a standard deviation near 37.
        // Bounds of ±25% are more than 9 standard deviations wide, so this fails only on a bias.
        var counts: [UInt8: Int] = [:]
        for _ in 0..<2000 {
            for byte in generator.newSecret().utf8.dropFirst(5).prefix(43) {
                counts[byte, default: 0] += 1
            }
        }
        let expected = 86_000 / 62
        for byte in base62Alphabet {
            let count = counts[byte, default: 0]
            #expect(count > expected * 3 / 4 && count < expected * 5 / 4)
        }
    }
}
