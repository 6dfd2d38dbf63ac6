import FoundationEssentials
import KeywardCore
import KeywardTestSupport
import Testing

@Suite("Store conformance: the credentials table (search, sort, paging)")
struct CredentialQueryConformanceTests {
    /// Seven credentials over four admins and four roles, with ties in every sort column.
    struct Table {
        var admins: [String: Admin] = [:]
        var roles: [String: APIRole] = [:]
        var credentials: [String: APICredential] = [:]

        init(_ tx: any StoreTransaction) throws {
            for (username, first, last) in [
                ("alice", "Alice", "Zephyr"), ("bob", "", ""), ("carol", "carol", ""), ("dave", "", "Adams"),
            ] {
                admins[username] = try Fixtures.admin(in: tx, username: username, firstName: first, lastName: last)
            }
            for name in ["Billing", "admin_tools", "Reports", "zz top"] {
                roles[name] = try Fixtures.role(in: tx, name: name)
            }
            let rows: [(String, String, String, [String], Double, Double?)] = [
                ("AlphaKey", "alice", "Deploy bot", ["Billing"], 100, 500),
                ("bravo", "bob", "50% off", [], 50, nil),
                ("Charlie9", "carol", "under_score", ["admin_tools", "Reports"], 300, 100),
                ("delta", "dave", "back\\slash", ["Reports"], 200, nil),
                ("Echo", "alice", "", ["zz top", "Billing"], 200, 900),
                ("foxtrot", "bob", "deploy BOT", ["Billing"], 10, 100),
                ("golf", "carol", "Zebra", [], 400, nil),
            ]
            for (identifier, admin, description, roleNames, created, lastAccess) in rows {
                credentials[identifier] = try Fixtures.credential(
                    in: tx,
                    adminID: admins[admin]!.id,
                    identifier: identifier,
                    description: description,
                    roleIDs: roleNames.map { roles[$0]!.id },
                    at: Fixtures.epoch.addingTimeInterval(created),
                    lastAccessAt: lastAccess.map { Fixtures.epoch.addingTimeInterval($0) },
                    lastAccessIP: lastAccess.map { _ in "192.0.2.10" }
                )
            }
        }
    }

    private func withTable(_ factory: StoreFactory, _ body: (any Store, Table) throws -> Void) throws {
        try factory.withStore { store throws in
            let table = try store.write { tx in try Table(tx) }
            try body(store, table)
        }
    }

    private func page(_ store: any Store, _ query: CredentialQuery) throws -> CredentialPage {
        try store.read { try $0.credentials(matching: query) }
    }

    @Test("Rows carry the credential, its admin's names and its sorted role names", arguments: StoreFactories.all)
    func rows(_ factory: StoreFactory) throws {
        try withTable(factory) { store, table throws in
            let rows = try page(store, CredentialQuery(sort: .identifier, ascending: true, limit: 100)).rows
            let byIdentifier = Dictionary(uniqueKeysWithValues: rows.map { ($0.credential.identifier, $0) })
            #expect(rows.count == 7)
            for (identifier, credential) in table.credentials {
                #expect(byIdentifier[identifier]?.credential == credential)
            }
            #expect(byIdentifier["Charlie9"]?.adminUsername == "carol")
            #expect(byIdentifier["Charlie9"]?.adminFullName == "carol")
            #expect(byIdentifier["Charlie9"]?.roleNames == ["admin_tools", "Reports"])
            #expect(byIdentifier["AlphaKey"]?.adminDisplayName == "Alice Zephyr (alice)")
            #expect(byIdentifier["delta"]?.adminFullName == "Adams")
            #expect(byIdentifier["bravo"]?.adminFullName == "bob")
            #expect(byIdentifier["bravo"]?.roleNames == [])
            #expect(byIdentifier["Echo"]?.roleNames == ["Billing", "zz top"])
        }
    }

    @Test(
        "Every sort key orders rows, both directions, ties broken by id",
        arguments: StoreFactories.all, CredentialQuery.SortKey.allCases
    )
    func sorting(_ factory: StoreFactory, _ key: CredentialQuery.SortKey) throws {
        try withTable(factory) { store, _ throws in
            let ascending = try page(store, CredentialQuery(sort: key, ascending: true, limit: 100)).rows
            let descending = try page(store, CredentialQuery(sort: key, ascending: false, limit: 100)).rows
            let expected = ascending.sorted { Self.sortKey($0, key) < Self.sortKey($1, key) }
            #expect(ascending.map(\.credential.identifier) == expected.map(\.credential.identifier))
            #expect(descending.map(\.credential.identifier) == expected.reversed().map(\.credential.identifier))
        }
    }

    @Test("Sorting by last access puts never-used credentials oldest", arguments: StoreFactories.all)
    func lastAccessNulls(_ factory: StoreFactory) throws {
        try withTable(factory) { store, _ throws in
            let ascending = try page(store, CredentialQuery(sort: .lastAccess, ascending: true, limit: 100))
            #expect(
                ascending.rows.map(\.credential.identifier) == [
                    "bravo", "delta", "golf", "Charlie9", "foxtrot", "AlphaKey", "Echo",
                ])
            let descending = try page(store, CredentialQuery(sort: .lastAccess, ascending: false, limit: 100))
            #expect(
                descending.rows.map(\.credential.identifier) == [
                    "Echo", "AlphaKey", "foxtrot", "Charlie9", "golf", "delta", "bravo",
                ])
        }
    }

    @Test(
        "The default query is newest first; the admin sort uses full name, then username", arguments: StoreFactories.all
    )
    func fixedOrders(_ factory: StoreFactory) throws {
        try withTable(factory) { store, _ throws in
            #expect(
                try page(store, CredentialQuery(limit: 100)).rows.map(\.credential.identifier) == [
                    "golf", "Charlie9", "Echo", "delta", "AlphaKey", "bravo", "foxtrot",
                ])
            // Adams, Alice Zephyr, bob, carol.
            #expect(
                try page(store, CredentialQuery(sort: .admin, ascending: true, limit: 100)).rows.map(
                    \.credential.identifier) == [
                        "delta", "AlphaKey", "Echo", "bravo", "foxtrot", "Charlie9", "golf",
                    ])
            // "", "", "admin_tools, Reports", "Billing", "Billing", "Billing, zz top", "Reports".
            #expect(
                try page(store, CredentialQuery(sort: .roles, ascending: true, limit: 100)).rows.map(
                    \.credential.identifier) == [
                        "bravo", "golf", "Charlie9", "AlphaKey", "foxtrot", "Echo", "delta",
                    ])
        }
    }

    @Test("Pages split the sorted rows; counts cover all pages", arguments: StoreFactories.all)
    func paging(_ factory: StoreFactory) throws {
        try withTable(factory) { store, _ throws in
            let all = try page(store, CredentialQuery(sort: .description, ascending: true, limit: 100))
            var paged: [String] = []
            for offset in stride(from: 0, to: 9, by: 3) {
                let part = try page(
                    store, CredentialQuery(sort: .description, ascending: true, offset: offset, limit: 3))
                #expect(part.matching == 7)
                #expect(part.total == 7)
                #expect(part.rows.count == min(3, max(0, 7 - offset)))
                paged += part.rows.map(\.credential.identifier)
            }
            #expect(paged == all.rows.map(\.credential.identifier))

            let past = try page(store, CredentialQuery(offset: 50, limit: 10))
            #expect(past.rows.isEmpty && past.matching == 7 && past.total == 7)
            let none = try page(store, CredentialQuery(limit: 0))
            #expect(none.rows.isEmpty && none.matching == 7 && none.total == 7)
        }
    }

    @Test(
        "Search matches identifier, description, admin names and role names, case-insensitively",
        arguments: StoreFactories.all
    )
    func search(_ factory: StoreFactory) throws {
        let cases: [(String, Set<String>)] = [
            ("alpha", ["AlphaKey"]),
            ("ALPHA", ["AlphaKey"]),
            ("deploy", ["AlphaKey", "foxtrot"]),
            ("zephyr", ["AlphaKey", "Echo"]),
            ("Alice Zephyr", ["AlphaKey", "Echo"]),
            ("BOB", ["bravo", "foxtrot"]),
            ("carol", ["Charlie9", "golf"]),
            ("adams", ["delta"]),
            ("billing", ["AlphaKey", "Echo", "foxtrot"]),
            ("ZZ TOP", ["Echo"]),
            ("no such thing", []),
        ]
        try withTable(factory) { store, _ throws in
            for (text, expected) in cases {
                let result = try page(store, CredentialQuery(search: text, limit: 100))
                #expect(Set(result.rows.map(\.credential.identifier)) == expected, "search \(text)")
                #expect(result.matching == expected.count, "search \(text)")
                #expect(result.total == 7)
            }
        }
    }

    @Test("Search treats %, _ and \\ as plain characters", arguments: StoreFactories.all)
    func searchEscaping(_ factory: StoreFactory) throws {
        let cases: [(String, Set<String>)] = [
            ("%", ["bravo"]),
            ("50%", ["bravo"]),
            ("5_%", []),
            ("_", ["Charlie9"]),
            ("o_t", []),
            ("\\", ["delta"]),
            ("k\\s", ["delta"]),
            ("%o", []),
        ]
        try withTable(factory) { store, _ throws in
            for (text, expected) in cases {
                let result = try page(store, CredentialQuery(search: text, limit: 100))
                #expect(Set(result.rows.map(\.credential.identifier)) == expected, "search \(text)")
                #expect(result.matching == expected.count, "search \(text)")
            }
        }
    }

    @Test("The admin filter scopes rows and the total", arguments: StoreFactories.all)
    func adminFilter(_ factory: StoreFactory) throws {
        try withTable(factory) { store, table throws in
            let alice = table.admins["alice"]!.id
            let all = try page(store, CredentialQuery(adminID: alice, sort: .identifier, ascending: true))
            #expect(all.rows.map(\.credential.identifier) == ["AlphaKey", "Echo"])
            #expect(all.matching == 2 && all.total == 2)

            let searched = try page(store, CredentialQuery(search: "deploy", adminID: alice))
            #expect(searched.rows.map(\.credential.identifier) == ["AlphaKey"])
            #expect(searched.matching == 1 && searched.total == 2)

            let nobody = try page(store, CredentialQuery(adminID: 404))
            #expect(nobody.rows.isEmpty && nobody.matching == 0 && nobody.total == 0)
        }
    }

    /// The order the store must produce, computed from a row's values.
    private static func sortKey(_ row: CredentialListing, _ key: CredentialQuery.SortKey) -> SortValue {
        let credential = row.credential
        let id = credential.id
        switch key {
        case .identifier: return SortValue([.text(credential.identifier)], id)
        case .description: return SortValue([.text(credential.description.lowercased())], id)
        case .admin:
            return SortValue([.text(row.adminFullName.lowercased()), .text(row.adminUsername.lowercased())], id)
        case .roles: return SortValue([.text(row.roleNames.joined(separator: ", ").lowercased())], id)
        case .created: return SortValue([.number(credential.createdAt.timeIntervalSince1970)], id)
        case .lastAccess: return SortValue([.number(credential.lastAccessAt?.timeIntervalSince1970 ?? -.infinity)], id)
        }
    }

    private struct SortValue: Comparable {
        enum Part: Comparable {
            case text(String)
            case number(Double)
        }

        var parts: [Part]
        var id: Int64

        init(_ parts: [Part], _ id: Int64) {
            self.parts = parts
            self.id = id
        }

        static func < (lhs: SortValue, rhs: SortValue) -> Bool {
            for (left, right) in zip(lhs.parts, rhs.parts) where left != right { return left < right }
            return lhs.id < rhs.id
        }
    }
}
