import Dispatch
import KeywardCore
import KeywardCrypto
import Synchronization
import Testing

@Suite("Argon2idPasswordHasher")
struct Argon2idPasswordHasherTests {
    let hasher = Argon2idPasswordHasher(cost: .minimal)

    @Test("hash and verify round trip", arguments: ["correct horse battery staple", "", "pässwörd✓", "x"])
    func roundTrip(password: String) throws {
        let hash = try hasher.hash(password: password)
        #expect(hash.hasPrefix("$argon2id$v=19$m=8,t=1,p=1$"))
        #expect(hasher.verify(password: password, against: hash))
    }

    @Test("hashes are salted")
    func salted() throws {
        #expect(try hasher.hash(password: "same") != hasher.hash(password: "same"))
    }

    @Test("a wrong password fails")
    func wrongPassword() throws {
        let hash = try hasher.hash(password: "correct horse")
        #expect(!hasher.verify(password: "correct horse ", against: hash))
        #expect(!hasher.verify(password: "Correct horse", against: hash))
        #expect(!hasher.verify(password: "", against: hash))
        #expect(!hasher.verify(md5Hex: MD5.hex("wrong".utf8), against: hash))
    }

    @Test("a legacy MD5 login verifies against the password's hash, in either case")
    func legacyMD5() throws {
        let password = "correct horse"
        let md5 = MD5.hex(password.utf8)
        let hash = try hasher.hash(password: password)
        #expect(hasher.verify(md5Hex: md5, against: hash))
        #expect(hasher.verify(md5Hex: md5.uppercased(), against: hash))
        // And a hash made from the MD5 verifies the password.
        let fromMD5 = try hasher.hash(md5Hex: md5.uppercased())
        #expect(hasher.verify(password: password, against: fromMD5))
        #expect(hasher.verify(md5Hex: md5, against: fromMD5))
        // The password is not accepted in place of its MD5, nor the MD5 in place of the password.
        #expect(!hasher.verify(md5Hex: password, against: hash))
        #expect(!hasher.verify(password: md5, against: hash))
    }

    @Test(
        "an MD5 that is not 32 hex characters is refused",
        arguments: [
            "", "0123456789abcdef0123456789abcde", "0123456789abcdef0123456789abcdef0",
            "0123456789abcdef0123456789abcdeg",
        ]
    )
    func invalidMD5(md5Hex: String) throws {
        let hash = try hasher.hash(password: "p")
        #expect(!hasher.verify(md5Hex: md5Hex, against: hash))
        let error = #expect(throws: KeywardError.self) { try hasher.hash(md5Hex: md5Hex) }
        #expect(error?.code == .invalidInput)
    }

    @Test("needsRehash is false for the same cost and true for another")
    func needsRehash() throws {
        let hash = try hasher.hash(password: "p")
        #expect(!hasher.needsRehash(hash))
        let moreOps = Argon2idPasswordHasher(
            cost: try .init(opsLimit: 2, memLimit: Argon2idPasswordHasher.Cost.minimal.memLimit))
        #expect(moreOps.needsRehash(hash))
        let moreMemory = Argon2idPasswordHasher(cost: try .init(opsLimit: 1, memLimit: 16 * 1024))
        #expect(moreMemory.needsRehash(hash))
        #expect(Argon2idPasswordHasher().needsRehash(hash))
        // A hash from the stronger cost does not need a rehash there, but does here.
        let stronger = try moreMemory.hash(password: "p")
        #expect(!moreMemory.needsRehash(stronger))
        #expect(hasher.needsRehash(stronger))
        #expect(hasher.verify(password: "p", against: stronger))
    }

    /// An Argon2i hash of "p" (libsodium, t=3, m=8 KiB), a bcrypt hash, and broken strings.
    static let foreignOrMalformed = [
        "",
        "$argon2id$",
        "$argon2id$v=19$m=8,t=1,p=1$",
        "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$",
        "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$!!!!",
        "$argon2id$v=99$m=8,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$W0oUvtx7o4J1ko2Wi6Gk0ktAyNtKX6yP5CEk6YA0+3E",
        "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$W0oUvtx7o4J1ko2Wi6Gk0ktAyNtKX6yP5CEk6YA0+3E\u{0}x",
        "$argon2i$v=19$m=8,t=3,p=1$c2FsdHNhbHRzYWx0c2FsdA$W0oUvtx7o4J1ko2Wi6Gk0ktAyNtKX6yP5CEk6YA0+3E",
        "$2y$10$abcdefghijklmnopqrstuu5Q7h3y8cF9y0Wm6zK1d6a5sA0bE7bS.",
        "5f4dcc3b5aa765d61d8327deb882cf99",
        "$argon2id$" + String(repeating: "a", count: 500),
    ]

    @Test(
        "verifying against a malformed or foreign hash is false, and it needs a rehash",
        arguments: foreignOrMalformed)
    func malformedHash(hash: String) {
        #expect(!hasher.verify(password: "p", against: hash))
        #expect(!hasher.verify(md5Hex: MD5.hex("p".utf8), against: hash))
        #expect(hasher.needsRehash(hash))
    }

    @Test("the interactive cost is libsodium's and the default")
    func costs() throws {
        #expect(Argon2idPasswordHasher.Cost.interactive.opsLimit == 2)
        #expect(Argon2idPasswordHasher.Cost.interactive.memLimit == 64 * 1024 * 1024)
        #expect(Argon2idPasswordHasher.Cost.minimal.opsLimit == 1)
        #expect(Argon2idPasswordHasher.Cost.minimal.memLimit == 8 * 1024)
        #expect(Argon2idPasswordHasher().cost == .interactive)
        #expect(Argon2idPasswordHasher().maxConcurrentComputations == 2)
        #expect(throws: KeywardError.self) {
            try Argon2idPasswordHasher.Cost(opsLimit: 0, memLimit: 8 * 1024)
        }
        #expect(throws: KeywardError.self) {
            try Argon2idPasswordHasher.Cost(opsLimit: 1, memLimit: 1024)
        }
    }

    @Test("concurrent callers beyond the limit wait their turn and all succeed")
    func boundedConcurrency() throws {
        let limited = Argon2idPasswordHasher(cost: .minimal, maxConcurrentComputations: 1)
        let hash = try limited.hash(password: "p")
        let successes = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 16) { index in
            let ok =
                index.isMultiple(of: 2)
                ? limited.verify(password: "p", against: hash)
                : limited.verify(md5Hex: MD5.hex("p".utf8), against: hash)
            if ok { successes.withLock { $0 += 1 } }
        }
        #expect(successes.withLock { $0 } == 16)
    }
}
