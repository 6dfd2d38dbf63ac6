import Dispatch
import FoundationEssentials
import KeywardCore
import KeywardTestSupport
import Synchronization
import Testing

@Suite("Store conformance: authentication snapshot")
struct AuthSnapshotConformanceTests {
    @Test(
        "The snapshot holds every credential, admin, role, group, setting and allowlist entry",
        arguments: StoreFactories.all)
    func contents(_ factory: StoreFactory) throws {
        try factory.withStore { store throws in
            let otherDigest = SecretDigest(
                keyID: "k2",
                secretHash: Digest32(words: (9, 9, 9, 9)),
                compatHash: Digest32(words: (8, 8, 8, 8))
            )
            let (admins, roles, group, credentials, entry) = try store.write { tx throws in
                let group = try Fixtures.group(in: tx, name: "API users", permissions: [.apiAccess])
                let alice = try Fixtures.admin(in: tx, username: "alice", passwordHash: "hash-a")
                let bob = try Fixtures.admin(
                    in: tx, username: "bob", groupID: group.id, isDisabled: true, passwordHash: "hash-b")
                let reader = try Fixtures.role(in: tx, name: "Reader", actions: ["GetAdminDetails"])
                let writer = try Fixtures.role(in: tx, name: "Writer", actions: ["AddClient", "GetClients"])
                let credentials = [
                    try Fixtures.credential(in: tx, adminID: alice.id, roleIDs: [writer.id, reader.id]),
                    try Fixtures.credential(in: tx, adminID: alice.id),
                    try Fixtures.credential(in: tx, adminID: bob.id, roleIDs: [reader.id], digest: otherDigest),
                ]
                try tx.setSetting("api.legacy_login", to: "0")
                let entry = AllowlistEntry(network: "198.51.100.0/24", createdAt: Fixtures.epoch)
                let entryID = try tx.insertAllowlistEntry(entry)
                try tx.appendChange(.all, id: 0)
                return (
                    [alice, bob], [reader, writer], group, credentials,
                    AllowlistEntry(
                        id: entryID, network: entry.network, createdAt: entry.createdAt
                    )
                )
            }

            let (snapshot, latest) = try store.read { tx in (try tx.authSnapshot(), try tx.latestChangeSeq()) }
            #expect(snapshot.seq == latest)
            #expect(snapshot.seq > 0)

            let records = Dictionary(uniqueKeysWithValues: snapshot.credentials.map { ($0.id, $0) })
            #expect(records.count == 3)
            for credential in credentials {
                #expect(
                    records[credential.id]
                        == CredentialAuthRecord(
                            id: credential.id,
                            identifier: credential.identifier,
                            adminID: credential.adminID,
                            roleIDs: credential.roleIDs,
                            digest: credential.adminID == admins[1].id ? otherDigest : Fixtures.digest
                        ))
            }
            #expect(records[credentials[0].id]?.roleIDs == [roles[0].id, roles[1].id])
            #expect(records[credentials[2].id]?.digest.keyID == "k2")

            #expect(
                Set(snapshot.admins) == [
                    AdminAuthRecord(
                        id: admins[0].id, username: "alice", groupID: 1, isDisabled: false, passwordHash: "hash-a"),
                    AdminAuthRecord(
                        id: admins[1].id, username: "bob", groupID: group.id, isDisabled: true, passwordHash: "hash-b"),
                ])
            #expect(Set(snapshot.roles) == Set(roles))
            #expect(Set(snapshot.groups) == Set(AdminGroup.builtIn(at: Fixtures.epoch) + [group]))
            #expect(snapshot.settings == ["api.legacy_login": "0"])
            #expect(snapshot.allowlist == [entry])

            #expect(try store.read { try $0.adminAuthRecord(id: admins[1].id) }?.passwordHash == "hash-b")
            #expect(try store.read { try $0.adminAuthRecord(id: 404) } == nil)
        }
    }

    @Test("A snapshot taken while a writer commits matches its feed position", arguments: StoreFactories.all)
    func consistentWithFeed(_ factory: StoreFactory) throws {
        try factory.withStore { store throws in
            let admin = try store.write { tx in try Fixtures.admin(in: tx, username: "alice") }
            let writes = 40
            let done = Atomic<Bool>(false)
            let failures = Mutex<[String]>([])
            let group = DispatchGroup()

            // Each write adds one credential and one change, so a consistent snapshot holds
            // exactly as many credentials as its feed position.
            DispatchQueue(label: "writer").async(group: group) {
                defer { done.store(true, ordering: .releasing) }
                do {
                    for _ in 0..<writes {
                        try store.write { tx throws in
                            let credential = try Fixtures.credential(in: tx, adminID: admin.id)
                            try tx.appendChange(.credential, id: credential.id)
                        }
                    }
                } catch {
                    failures.withLock { $0.append("writer: \(error)") }
                }
            }
            DispatchQueue(label: "reader").async(group: group) {
                var finished = false
                while !finished {
                    finished = done.load(ordering: .acquiring)
                    do {
                        let snapshot = try store.read { try $0.authSnapshot() }
                        let base = snapshot.seq
                        if Int64(snapshot.credentials.count) != base {
                            failures.withLock { $0.append("\(snapshot.credentials.count) credentials at seq \(base)") }
                        }
                    } catch {
                        failures.withLock { $0.append("reader: \(error)") }
                        return
                    }
                }
            }
            group.wait()
            #expect(failures.withLock { $0 } == [])
            let final = try store.read { try $0.authSnapshot() }
            #expect(final.credentials.count == writes)
        }
    }
}
