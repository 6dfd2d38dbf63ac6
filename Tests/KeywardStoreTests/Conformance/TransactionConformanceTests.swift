import Dispatch
import FoundationEssentials
import KeywardCore
import KeywardTestSupport
import Synchronization
import Testing

@Suite("Store conformance: transactions")
struct TransactionConformanceTests {
    @Test(
        "A write that throws leaves nothing behind: no audit without its change, no change without its audit",
        arguments: StoreFactories.all)
    func rollback(_ factory: StoreFactory) throws {
        try factory.withStore { store throws in
            let before = try store.read { try $0.authSnapshot() }
            #expect(throws: Boom.self) {
                try store.write { tx throws in
                    let group = try Fixtures.group(in: tx, name: "Temp")
                    let admin = try Fixtures.admin(in: tx, username: "temp", groupID: group.id)
                    let role = try Fixtures.role(in: tx, name: "Temp")
                    let credential = try Fixtures.credential(in: tx, adminID: admin.id, roleIDs: [role.id])
                    try tx.setSetting("temp", to: "1")
                    _ = try tx.insertAllowlistEntry(
                        AllowlistEntry(network: "203.0.113.0/24", createdAt: Fixtures.epoch))
                    try tx.replaceActions([ActionDescriptor(name: "Temp", category: "Temp", summary: "")])
                    try tx.appendChange(.credential, id: credential.id)
                    try tx.appendAudit(
                        AuditEvent(
                            time: Fixtures.epoch, actor: .system, event: "credential.generated",
                            targetType: "credential")
                    )
                    // Visible inside the transaction...
                    #expect(try tx.credential(id: credential.id) != nil)
                    #expect(try tx.latestChangeSeq() > 0)
                    throw Boom()
                }
            }
            // ...and gone after it.
            try store.read { tx throws in
                #expect(try tx.admin(username: "temp") == nil)
                #expect(try tx.group(named: "Temp") == nil)
                #expect(try tx.role(named: "Temp") == nil)
                #expect(try tx.credentials(matching: CredentialQuery()).total == 0)
                #expect(try tx.settings().isEmpty)
                #expect(try tx.allowlist().isEmpty)
                #expect(try tx.actions().isEmpty)
                #expect(try tx.latestChangeSeq() == 0)
                #expect(try tx.changes(after: 0, limit: 10).isEmpty)
                #expect(try tx.auditEvents(matching: AuditQuery()).matching == 0)
                let after = try tx.authSnapshot()
                #expect(after.credentials == before.credentials && after.admins == before.admins)
            }
        }
    }

    @Test("A store error rolls back the statements before it", arguments: StoreFactories.all)
    func rollbackOnStoreError(_ factory: StoreFactory) throws {
        try factory.withStore { store throws in
            try store.write { tx in _ = try Fixtures.admin(in: tx, username: "taken") }
            expectKeywardError(.conflict) {
                try store.write { tx throws in
                    try Fixtures.admin(in: tx, username: "first")
                    try tx.appendChange(.admin, id: 99)
                    try Fixtures.admin(in: tx, username: "TAKEN")
                }
            }
            #expect(try store.read { try $0.admins() }.map(\.username) == ["taken"])
            #expect(try store.read { try $0.latestChangeSeq() } == 0)
        }
    }

    @Test("Transactions return the closure's value; writes commit", arguments: StoreFactories.all)
    func results(_ factory: StoreFactory) throws {
        try factory.withStore { store throws in
            let id = try store.write { tx in try Fixtures.admin(in: tx, username: "alice").id }
            let name = try store.read { tx in try tx.admin(id: id)?.username }
            #expect(name == "alice")
        }
    }

    @Test("Readers and a writer on several threads do not fail", arguments: StoreFactories.all)
    func concurrency(_ factory: StoreFactory) throws {
        try factory.withStore { store throws in
            let admin = try store.write { tx in try Fixtures.admin(in: tx, username: "alice") }
            let writes = 30
            let done = Atomic<Bool>(false)
            let failures = Mutex<[String]>([])
            let reads = Atomic<Int>(0)
            let group = DispatchGroup()

            DispatchQueue(label: "writer").async(group: group) {
                defer { done.store(true, ordering: .releasing) }
                for index in 0..<writes {
                    do {
                        try store.write { tx throws in
                            let credential = try Fixtures.credential(
                                in: tx, adminID: admin.id, description: "n\(index)")
                            try tx.appendChange(.credential, id: credential.id)
                            try tx.appendAudit(
                                AuditEvent(
                                    time: Fixtures.epoch, actor: .system, event: "test", targetType: "credential")
                            )
                        }
                    } catch {
                        failures.withLock { $0.append("writer: \(error)") }
                    }
                }
            }
            for reader in 0..<4 {
                DispatchQueue(label: "reader-\(reader)").async(group: group) {
                    var finished = false
                    while !finished {
                        finished = done.load(ordering: .acquiring)
                        do {
                            try store.read { tx throws in
                                let page = try tx.credentials(matching: CredentialQuery(search: "n", limit: 5))
                                let seq = try tx.latestChangeSeq()
                                let audit = try tx.auditEvents(matching: AuditQuery(limit: 1)).matching
                                // One transaction sees one state: as many credentials as changes and events.
                                if Int64(page.total) != seq || audit != page.total {
                                    failures.withLock {
                                        $0.append("\(page.total) credentials, seq \(seq), \(audit) events")
                                    }
                                }
                            }
                            reads.add(1, ordering: .relaxed)
                        } catch {
                            failures.withLock { $0.append("reader \(reader): \(error)") }
                            return
                        }
                    }
                }
            }
            group.wait()
            #expect(failures.withLock { $0 } == [])
            #expect(reads.load(ordering: .relaxed) >= 4)
            #expect(try store.read { try $0.credentials(matching: CredentialQuery()).total } == writes)
        }
    }

    @Test("A closed store refuses transactions", arguments: StoreFactories.all)
    func closed(_ factory: StoreFactory) throws {
        try factory.withStore { store throws in
            store.close()
            expectKeywardError(.unavailable) { try store.read { try $0.admins() } }
            expectKeywardError(.unavailable) { try store.write { try $0.admins() } }
        }
    }
}
