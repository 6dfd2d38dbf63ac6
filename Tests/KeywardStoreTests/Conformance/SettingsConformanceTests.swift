import FoundationEssentials
import KeywardCore
import KeywardTestSupport
import Testing

@Suite("Store conformance: settings, allowlist and action catalog")
struct SettingsConformanceTests {
    @Test("Settings are set, replaced and removed", arguments: StoreFactories.all)
    func settings(_ factory: StoreFactory) throws {
        try factory.withStore { store throws in
            try store.write { tx throws in
                try tx.setSetting("api.legacy_login", to: "1")
                try tx.setSetting("ban.seconds", to: "900")
                try tx.setSetting("empty", to: "")
            }
            #expect(
                try store.read { try $0.settings() } == ["api.legacy_login": "1", "ban.seconds": "900", "empty": ""])
            try store.write { tx throws in
                try tx.setSetting("api.legacy_login", to: "0")
                try tx.setSetting("ban.seconds", to: nil)
                try tx.setSetting("never.set", to: nil)
            }
            #expect(try store.read { try $0.settings() } == ["api.legacy_login": "0", "empty": ""])
        }
    }

    @Test("Allowlist entries are added, listed by id and removed", arguments: StoreFactories.all)
    func allowlist(_ factory: StoreFactory) throws {
        try factory.withStore { store throws in
            var first = AllowlistEntry(network: "192.0.2.0/24", note: "office", createdAt: Fixtures.epoch)
            var second = AllowlistEntry(network: "2001:db8::/32", createdAt: Fixtures.epoch.addingTimeInterval(1))
            first.id = try store.write { tx in try tx.insertAllowlistEntry(first) }
            second.id = try store.write { tx in try tx.insertAllowlistEntry(second) }
            #expect(first.id > 0 && second.id > first.id)
            #expect(try store.read { try $0.allowlist() } == [first, second])

            expectKeywardError(.conflict) {
                try store.write { tx throws in
                    try tx.insertAllowlistEntry(AllowlistEntry(network: "192.0.2.0/24", createdAt: Fixtures.epoch))
                }
            }

            try store.write { tx in try tx.deleteAllowlistEntry(id: first.id) }
            #expect(try store.read { try $0.allowlist() } == [second])
            expectKeywardError(.notFound) { try store.write { tx in try tx.deleteAllowlistEntry(id: first.id) } }
        }
    }

    @Test("The action catalog is replaced as a whole and read by category, then name", arguments: StoreFactories.all)
    func actions(_ factory: StoreFactory) throws {
        try factory.withStore { store throws in
            let catalog = [
                ActionDescriptor(name: "GetClients", category: "Client", summary: "Lists clients."),
                ActionDescriptor(name: "AddClient", category: "Client", summary: "Adds a client."),
                ActionDescriptor(name: "GetAdminDetails", category: "Authentication", summary: "The admin."),
            ]
            try store.write { tx in try tx.replaceActions(catalog) }
            #expect(try store.read { try $0.actions() } == [catalog[2], catalog[1], catalog[0]])

            let next = [ActionDescriptor(name: "WhmcsDetails", category: "System", summary: "")]
            try store.write { tx in try tx.replaceActions(next) }
            #expect(try store.read { try $0.actions() } == next)

            try store.write { tx in try tx.replaceActions([]) }
            #expect(try store.read { try $0.actions() }.isEmpty)
        }
    }
}
