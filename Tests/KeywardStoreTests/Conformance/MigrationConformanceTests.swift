import KeywardCore
import KeywardTestSupport
import Testing

@Suite("Store conformance: migrations")
struct MigrationConformanceTests {
    @Test("A new store holds the built-in groups and nothing else", arguments: StoreFactories.all)
    func freshStore(_ factory: StoreFactory) throws {
        try factory.withStore { store throws in
            try store.read { tx throws in
                let groups = try tx.groups()
                let expected = AdminGroup.builtIn(at: Fixtures.epoch)
                #expect(groups == expected)
                #expect(groups.map(\.id) == [1, 2, 3])
                #expect(try tx.group(id: AdminGroup.fullAdministratorID)?.permissions == Set(Permission.all))

                #expect(try tx.admins().isEmpty)
                #expect(try tx.roles().isEmpty)
                #expect(try tx.credentials(matching: CredentialQuery()).total == 0)
                #expect(try tx.latestChangeSeq() == 0)
                #expect(try tx.auditEvents(matching: AuditQuery()).matching == 0)
                #expect(try tx.settings().isEmpty)
                #expect(try tx.allowlist().isEmpty)
                #expect(try tx.actions().isEmpty)
            }
        }
    }

    @Test("Reopening a database applies nothing twice and keeps the data", arguments: StoreFactories.persistent)
    func reopen(_ factory: StoreFactory) throws {
        try factory.withDatabase { database throws in
            let clock = ManualClock()
            let first = try database.open(clock)
            let admin = try first.write { tx in try Fixtures.admin(in: tx, username: "alice") }
            first.close()

            clock.advance(by: 3600)
            let second = try database.open(clock)
            defer { second.close() }
            try second.read { tx throws in
                // The built-in groups keep the time of the first open: they were not seeded again.
                #expect(try tx.groups() == AdminGroup.builtIn(at: Fixtures.epoch))
                #expect(try tx.admins() == [admin])
            }
        }
    }
}
