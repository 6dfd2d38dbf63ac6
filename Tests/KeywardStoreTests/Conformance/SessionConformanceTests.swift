import FoundationEssentials
import KeywardCore
import KeywardTestSupport
import Testing

@Suite("Store conformance: admin-area sessions")
struct SessionConformanceTests {
    private static func session(_ byte: UInt64, adminID: Int64, lastSeen: Double = 0, expires: Double = 3600)
        -> AdminSession
    {
        AdminSession(
            tokenHash: Digest32(words: (byte, byte, byte, byte)),
            adminID: adminID,
            csrfToken: "csrf-\(byte)",
            createdAt: Fixtures.epoch,
            lastSeenAt: Fixtures.epoch.addingTimeInterval(lastSeen),
            expiresAt: Fixtures.epoch.addingTimeInterval(expires),
            clientIP: "192.0.2.\(byte)",
            userAgent: "Test/\(byte)"
        )
    }

    @Test("Sessions are stored, found by token hash, touched and deleted", arguments: StoreFactories.all)
    func lifecycle(_ factory: StoreFactory) throws {
        try factory.withStore { store throws in
            let admin = try store.write { tx in try Fixtures.admin(in: tx, username: "alice") }
            let session = Self.session(1, adminID: admin.id)
            try store.write { tx in try tx.insertSession(session) }
            #expect(try store.read { try $0.session(tokenHash: session.tokenHash) } == session)
            #expect(try store.read { try $0.session(tokenHash: Digest32.zero) } == nil)

            let later = Fixtures.epoch.addingTimeInterval(61)
            try store.write { tx throws in
                try tx.touchSession(tokenHash: session.tokenHash, at: later)
                try tx.touchSession(tokenHash: Digest32.zero, at: later)
            }
            #expect(try store.read { try $0.session(tokenHash: session.tokenHash) }?.lastSeenAt == later)

            expectKeywardError(.conflict) { try store.write { tx in try tx.insertSession(session) } }

            try store.write { tx throws in
                try tx.deleteSession(tokenHash: session.tokenHash)
                try tx.deleteSession(tokenHash: Digest32.zero)
            }
            #expect(try store.read { try $0.session(tokenHash: session.tokenHash) } == nil)
        }
    }

    @Test("Sessions end with their admin, by admin, and when expired or idle", arguments: StoreFactories.all)
    func bulkDeletes(_ factory: StoreFactory) throws {
        try factory.withStore { store throws in
            let (alice, bob, carol) = try store.write { tx throws in
                (
                    try Fixtures.admin(in: tx, username: "alice"),
                    try Fixtures.admin(in: tx, username: "bob"),
                    try Fixtures.admin(in: tx, username: "carol")
                )
            }
            let sessions = [
                Self.session(1, adminID: alice.id),
                Self.session(2, adminID: alice.id),
                Self.session(3, adminID: bob.id),
                Self.session(4, adminID: carol.id, lastSeen: 100, expires: 50),  // expired
                Self.session(5, adminID: carol.id, lastSeen: 10, expires: 9000),  // idle
                Self.session(6, adminID: carol.id, lastSeen: 500, expires: 9000),  // live
            ]
            try store.write { tx in for session in sessions { try tx.insertSession(session) } }
            func alive() throws -> [Int64] {
                try store.read { tx in
                    try sessions.filter { try tx.session(tokenHash: $0.tokenHash) != nil }.map(\.adminID)
                }
            }

            try store.write { tx in try tx.deleteSessions(adminID: alice.id) }
            #expect(try alive() == [bob.id, carol.id, carol.id, carol.id])

            try store.write { tx in try tx.deleteAdmin(id: bob.id) }
            #expect(try alive() == [carol.id, carol.id, carol.id])

            try store.write { tx throws in
                try tx.deleteExpiredSessions(
                    before: Fixtures.epoch.addingTimeInterval(1000),
                    idleBefore: Fixtures.epoch.addingTimeInterval(200)
                )
            }
            #expect(try store.read { try $0.session(tokenHash: sessions[5].tokenHash) } == sessions[5])
            #expect(try alive() == [carol.id])
        }
    }

    @Test("A session needs an existing admin", arguments: StoreFactories.all)
    func unknownAdmin(_ factory: StoreFactory) throws {
        try factory.withStore { store throws in
            expectKeywardError(.conflict) {
                try store.write { tx in try tx.insertSession(Self.session(1, adminID: 404)) }
            }
        }
    }
}
