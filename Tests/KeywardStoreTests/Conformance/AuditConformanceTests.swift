import FoundationEssentials
import KeywardCore
import KeywardTestSupport
import Testing

@Suite("Store conformance: activity log")
struct AuditConformanceTests {
    private static func events() -> [AuditEvent] {
        let alice = AuditActor(kind: .admin, id: 7, label: "alice")
        return [
            AuditEvent(
                time: Fixtures.epoch, actor: alice, event: "admin.created", targetType: "admin",
                targetID: "8", targetLabel: "bob", clientIP: "192.0.2.1", details: ["z": "last", "a": "first"]
            ),
            AuditEvent(
                time: Fixtures.epoch.addingTimeInterval(1), actor: .cli("root"), event: "role.created",
                targetType: "role", targetID: "1", targetLabel: "Billing 100%"
            ),
            AuditEvent(
                time: Fixtures.epoch.addingTimeInterval(2.5),
                actor: AuditActor(kind: .credential, id: 3, label: "kw_abc"),
                event: "credential.generated", targetType: "credential", targetID: "4", targetLabel: "kw_def",
                clientIP: "2001:db8::5", details: ["description": "CI"]
            ),
            // Same time as the previous one: the later insert is newer.
            AuditEvent(
                time: Fixtures.epoch.addingTimeInterval(2.5), actor: .system, event: "settings.updated",
                targetType: "settings"
            ),
            AuditEvent(
                time: Fixtures.epoch.addingTimeInterval(3), actor: alice, event: "credential.removed",
                targetType: "credential", targetID: "4", targetLabel: "kw_def", clientIP: "192.0.2.1"
            ),
        ]
    }

    private func withEvents(_ factory: StoreFactory, _ body: (any Store) throws -> Void) throws {
        try factory.withStore { store throws in
            for event in Self.events() { try store.write { tx in try tx.appendAudit(event) } }
            try body(store)
        }
    }

    @Test("Events come back newest first with every field", arguments: StoreFactories.all)
    func roundTrip(_ factory: StoreFactory) throws {
        try withEvents(factory) { store throws in
            let page = try store.read { try $0.auditEvents(matching: AuditQuery()) }
            #expect(page.matching == 5)
            #expect(page.events.allSatisfy { $0.id > 0 })
            #expect(Set(page.events.map(\.id)).count == 5)
            let withoutIDs = page.events.map { event -> AuditEvent in
                var event = event
                event.id = 0
                return event
            }
            #expect(withoutIDs == Self.events().reversed())
        }
    }

    @Test("Pages split the log, newest first", arguments: StoreFactories.all)
    func paging(_ factory: StoreFactory) throws {
        try withEvents(factory) { store throws in
            let all = try store.read { try $0.auditEvents(matching: AuditQuery()) }.events
            let first = try store.read { try $0.auditEvents(matching: AuditQuery(offset: 0, limit: 2)) }
            let second = try store.read { try $0.auditEvents(matching: AuditQuery(offset: 2, limit: 2)) }
            let third = try store.read { try $0.auditEvents(matching: AuditQuery(offset: 4, limit: 2)) }
            #expect(first.events + second.events + third.events == all)
            #expect([first.matching, second.matching, third.matching] == [5, 5, 5])
            let past = try store.read { try $0.auditEvents(matching: AuditQuery(offset: 9, limit: 2)) }
            #expect(past.events.isEmpty && past.matching == 5)
        }
    }

    @Test("Search matches event, actor, target and IP, case-insensitively and literally", arguments: StoreFactories.all)
    func search(_ factory: StoreFactory) throws {
        let cases: [(String, [String])] = [
            ("CREDENTIAL.", ["credential.removed", "credential.generated"]),
            ("alice", ["credential.removed", "admin.created"]),
            ("root", ["role.created"]),
            ("cli", ["role.created"]),
            ("bob", ["admin.created"]),
            ("kw_def", ["credential.removed", "credential.generated"]),
            ("192.0.2.1", ["credential.removed", "admin.created"]),
            ("2001:db8", ["credential.generated"]),
            ("100%", ["role.created"]),
            ("%", ["role.created"]),
            ("_", ["credential.removed", "credential.generated"]),
            ("nothing", []),
        ]
        try withEvents(factory) { store throws in
            for (text, expected) in cases {
                let page = try store.read { try $0.auditEvents(matching: AuditQuery(search: text)) }
                #expect(page.events.map(\.event) == expected, "search \(text)")
                #expect(page.matching == expected.count, "search \(text)")
            }
        }
    }
}
