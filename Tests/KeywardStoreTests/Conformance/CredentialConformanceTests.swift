import FoundationEssentials
import KeywardCore
import KeywardTestSupport
import Testing

@Suite("Store conformance: API credentials")
struct CredentialConformanceTests {
    @Test("Insert, look up, change and delete a credential", arguments: StoreFactories.all)
    func crud(_ factory: StoreFactory) throws {
        try factory.withStore { store throws in
            let (admin, reader, writer) = try store.write { tx throws in
                (
                    try Fixtures.admin(in: tx, username: "alice"),
                    try Fixtures.role(in: tx, name: "Reader"),
                    try Fixtures.role(in: tx, name: "Writer")
                )
            }
            let digest = SecretDigest(
                keyID: "key-2026",
                secretHash: Digest32(Array(0..<32))!,
                compatHash: Digest32(Array(100..<132))!
            )
            let credential = try store.write { tx throws in
                try Fixtures.credential(
                    in: tx,
                    adminID: admin.id,
                    identifier: "AbCdEf123",
                    description: "CI deploys",
                    roleIDs: [writer.id, reader.id, writer.id],
                    digest: digest,
                    at: Fixtures.epoch.addingTimeInterval(0.123)
                )
            }
            #expect(credential.roleIDs == [reader.id, writer.id].sorted())

            try store.read { tx throws in
                #expect(try tx.credential(id: credential.id) == credential)
                #expect(try tx.credential(identifier: "AbCdEf123") == credential)
                #expect(try tx.credential(identifier: "abcdef123") == nil)
                #expect(try tx.credential(id: 999) == nil)
                #expect(try tx.credentialIDs(adminID: admin.id) == [credential.id])
                #expect(try tx.credentialIDs(adminID: 999).isEmpty)
                let record = try tx.credentialAuthRecord(id: credential.id)
                #expect(
                    record
                        == CredentialAuthRecord(
                            id: credential.id, identifier: "AbCdEf123", adminID: admin.id,
                            roleIDs: credential.roleIDs, digest: digest
                        ))
                #expect(record?.digest.keyID == "key-2026")
                #expect(try tx.credentialAuthRecord(id: 999) == nil)
            }

            try store.write { tx throws in
                try tx.setCredentialDescription(id: credential.id, description: "")
                try tx.setCredentialRoles(id: credential.id, roleIDs: [writer.id, writer.id])
            }
            var expected = credential
            expected.description = ""
            expected.roleIDs = [writer.id]
            #expect(try store.read { try $0.credential(id: credential.id) } == expected)

            try store.write { tx in try tx.setCredentialRoles(id: credential.id, roleIDs: []) }
            #expect(try store.read { try $0.credential(id: credential.id) }?.roleIDs == [])

            try store.write { tx in try tx.deleteCredential(id: credential.id) }
            try store.read { tx throws in
                #expect(try tx.credential(id: credential.id) == nil)
                #expect(try tx.credentialIDs(adminID: admin.id).isEmpty)
                #expect(try tx.credentialIDs(holdingRole: writer.id).isEmpty)
            }
        }
    }

    @Test("Last access round-trips with the credential", arguments: StoreFactories.all)
    func lastAccessFields(_ factory: StoreFactory) throws {
        try factory.withStore { store throws in
            let credential = try store.write { tx throws in
                let admin = try Fixtures.admin(in: tx, username: "alice")
                return try Fixtures.credential(
                    in: tx, adminID: admin.id,
                    lastAccessAt: Fixtures.epoch.addingTimeInterval(42.5), lastAccessIP: "2001:db8::1"
                )
            }
            let stored = try store.read { try $0.credential(id: credential.id) }
            #expect(stored?.lastAccessAt == Fixtures.epoch.addingTimeInterval(42.5))
            #expect(stored?.lastAccessIP == "2001:db8::1")
        }
    }

    @Test("Identifiers are unique", arguments: StoreFactories.all)
    func uniqueIdentifiers(_ factory: StoreFactory) throws {
        try factory.withStore { store throws in
            let admin = try store.write { tx throws in
                let admin = try Fixtures.admin(in: tx, username: "alice")
                try Fixtures.credential(in: tx, adminID: admin.id, identifier: "SameId")
                return admin
            }
            let error = expectKeywardError(.conflict) {
                try store.write { tx in try Fixtures.credential(in: tx, adminID: admin.id, identifier: "SameId") }
            }
            #expect(error?.message.contains("SameId") == false)
            // Identifiers are exact: another case is another identifier.
            try store.write { tx in _ = try Fixtures.credential(in: tx, adminID: admin.id, identifier: "sameid") }
        }
    }

    @Test("A credential needs an existing admin and existing roles", arguments: StoreFactories.all)
    func references(_ factory: StoreFactory) throws {
        try factory.withStore { store throws in
            expectKeywardError(.conflict) { try store.write { tx in try Fixtures.credential(in: tx, adminID: 404) } }
            let credential = try store.write { tx throws in
                let admin = try Fixtures.admin(in: tx, username: "alice")
                return try Fixtures.credential(in: tx, adminID: admin.id)
            }
            expectKeywardError(.conflict) {
                try store.write { tx in try Fixtures.credential(in: tx, adminID: credential.adminID, roleIDs: [404]) }
            }
            expectKeywardError(.conflict) {
                try store.write { tx in try tx.setCredentialRoles(id: credential.id, roleIDs: [404]) }
            }
            #expect(try store.read { try $0.credentialIDs(adminID: credential.adminID) } == [credential.id])
        }
    }

    @Test("Changing or deleting a missing credential is notFound", arguments: StoreFactories.all)
    func missing(_ factory: StoreFactory) throws {
        try factory.withStore { store throws in
            expectKeywardError(.notFound) {
                try store.write { tx in try tx.setCredentialDescription(id: 404, description: "x") }
            }
            expectKeywardError(.notFound) { try store.write { tx in try tx.setCredentialRoles(id: 404, roleIDs: []) } }
            expectKeywardError(.notFound) { try store.write { tx in try tx.deleteCredential(id: 404) } }
        }
    }

    @Test("recordLastAccess writes a batch and skips missing credentials", arguments: StoreFactories.all)
    func recordLastAccess(_ factory: StoreFactory) throws {
        try factory.withStore { store throws in
            let (first, second, untouched) = try store.write { tx throws in
                let admin = try Fixtures.admin(in: tx, username: "alice")
                return (
                    try Fixtures.credential(in: tx, adminID: admin.id),
                    try Fixtures.credential(in: tx, adminID: admin.id),
                    try Fixtures.credential(in: tx, adminID: admin.id)
                )
            }
            let t1 = Fixtures.epoch.addingTimeInterval(10.001)
            let t2 = Fixtures.epoch.addingTimeInterval(20)
            try store.write { tx throws in
                try tx.recordLastAccess([
                    LastAccess(credentialID: first.id, time: t1, ip: "192.0.2.1"),
                    LastAccess(credentialID: 404, time: t1, ip: "192.0.2.9"),
                    LastAccess(credentialID: second.id, time: t2, ip: "2001:db8::2"),
                ])
            }
            try store.read { tx throws in
                let a = try tx.credential(id: first.id)
                #expect(a?.lastAccessAt == t1)
                #expect(a?.lastAccessIP == "192.0.2.1")
                let b = try tx.credential(id: second.id)
                #expect(b?.lastAccessAt == t2)
                #expect(b?.lastAccessIP == "2001:db8::2")
                let c = try tx.credential(id: untouched.id)
                #expect(c?.lastAccessAt == nil)
                #expect(c?.lastAccessIP == nil)
                #expect(try tx.credential(id: 404) == nil)
            }
            try store.write { tx in try tx.recordLastAccess([]) }
        }
    }
}
