import FoundationEssentials
import KeywardCore
import KeywardTestSupport
import Testing

@Suite("Store conformance: persistence")
struct PersistenceConformanceTests {
    @Test("Everything committed survives closing and reopening", arguments: StoreFactories.persistent)
    func survivesReopen(_ factory: StoreFactory) throws {
        try factory.withDatabase { database throws in
            let clock = ManualClock()
            let store = try database.open(clock)
            let (admin, role, credential) = try store.write { tx throws in
                let admin = try Fixtures.admin(in: tx, username: "alice", firstName: "Alice", passwordHash: "hash")
                let role = try Fixtures.role(in: tx, name: "Reader")
                let credential = try Fixtures.credential(
                    in: tx, adminID: admin.id, description: "kept", roleIDs: [role.id])
                try tx.setSetting("k", to: "v")
                try tx.appendChange(.credential, id: credential.id)
                try tx.appendAudit(AuditEvent(time: Fixtures.epoch, actor: .system, event: "e", targetType: "t"))
                return (admin, role, credential)
            }
            let before = try store.read { tx in (try tx.authSnapshot(), try tx.changes(after: 0, limit: 10)) }
            store.close()

            let reopened = try database.open(clock)
            defer { reopened.close() }
            try reopened.read { tx throws in
                #expect(try tx.admin(id: admin.id) == admin)
                #expect(try tx.passwordHash(adminID: admin.id) == "hash")
                #expect(try tx.role(id: role.id) == role)
                #expect(try tx.credential(id: credential.id) == credential)
                #expect(try tx.settings() == ["k": "v"])
                #expect(try tx.changes(after: 0, limit: 10) == before.1)
                #expect(try tx.auditEvents(matching: AuditQuery()).matching == 1)
                let snapshot = try tx.authSnapshot()
                #expect(snapshot.credentials == before.0.credentials)
                #expect(snapshot.seq == before.0.seq)
            }
        }
    }
}
