import FoundationEssentials
import KeywardCore
import KeywardTestSupport
import Testing

@Suite("Store conformance: admins")
struct AdminConformanceTests {
    @Test("Insert, look up, list, update and delete an admin", arguments: StoreFactories.all)
    func crud(_ factory: StoreFactory) throws {
        try factory.withStore { store throws in
            let admin = try store.write { tx throws in
                try Fixtures.admin(
                    in: tx, username: "Alice", firstName: "Alice", lastName: "Zephyr", passwordHash: "hash-1")
            }
            let bob = try store.write { tx in try Fixtures.admin(in: tx, username: "bob") }
            #expect(admin.id > 0 && bob.id > admin.id)

            try store.read { tx throws in
                #expect(try tx.admin(id: admin.id) == admin)
                #expect(try tx.admin(username: "alice") == admin)
                #expect(try tx.admin(username: "ALICE") == admin)
                #expect(try tx.admin(username: "alic") == nil)
                #expect(try tx.admin(id: 999) == nil)
                #expect(try tx.admins() == [admin, bob])
                #expect(try tx.passwordHash(adminID: admin.id) == "hash-1")
                #expect(try tx.passwordHash(adminID: 999) == nil)
            }

            let group = try store.write { tx in try Fixtures.group(in: tx, name: "Ops") }
            var changed = admin
            changed.uuid = "ignored"
            changed.createdAt = Fixtures.epoch.addingTimeInterval(-100)
            changed.username = "alice2"
            changed.firstName = "Alicia"
            changed.lastName = "Young"
            changed.email = "alicia@example.org"
            changed.groupID = group.id
            changed.isDisabled = true
            changed.notes = "Moved to ops"
            changed.signature = "-- A."
            changed.updatedAt = Fixtures.epoch.addingTimeInterval(1.25)
            try store.write { tx in try tx.updateAdmin(changed) }

            var expected = changed
            expected.uuid = admin.uuid
            expected.createdAt = admin.createdAt
            try store.read { tx throws in
                #expect(try tx.admin(id: admin.id) == expected)
                #expect(try tx.admin(username: "alice") == nil)
                #expect(try tx.admin(username: "Alice2") == expected)
                #expect(try tx.passwordHash(adminID: admin.id) == "hash-1")
            }

            try store.write { tx throws in
                try tx.setPasswordHash(adminID: admin.id, hash: "hash-2", at: Fixtures.epoch.addingTimeInterval(9))
            }
            try store.read { tx throws in
                #expect(try tx.passwordHash(adminID: admin.id) == "hash-2")
                #expect(try tx.admin(id: admin.id)?.updatedAt == Fixtures.epoch.addingTimeInterval(9))
            }

            try store.write { tx in try tx.deleteAdmin(id: admin.id) }
            try store.read { tx throws in
                #expect(try tx.admin(id: admin.id) == nil)
                #expect(try tx.admins() == [bob])
            }
        }
    }

    @Test("Usernames are unique case-insensitively", arguments: StoreFactories.all)
    func uniqueUsernames(_ factory: StoreFactory) throws {
        try factory.withStore { store throws in
            let alice = try store.write { tx in try Fixtures.admin(in: tx, username: "alice") }
            let error = expectKeywardError(.conflict) {
                try store.write { tx in try Fixtures.admin(in: tx, username: "ALICE") }
            }
            #expect(error?.message.lowercased().contains("username") == true)
            #expect(error?.message.contains("ALICE") == false)

            let bob = try store.write { tx in try Fixtures.admin(in: tx, username: "bob") }
            var renamed = bob
            renamed.username = "Alice"
            expectKeywardError(.conflict) { try store.write { tx in try tx.updateAdmin(renamed) } }
            #expect(try store.read { try $0.admins() } == [alice, bob])
        }
    }

    @Test("Admin UUIDs are unique", arguments: StoreFactories.all)
    func uniqueUUIDs(_ factory: StoreFactory) throws {
        try factory.withStore { store throws in
            let alice = try store.write { tx in try Fixtures.admin(in: tx, username: "alice") }
            var copy = alice
            copy.username = "other"
            expectKeywardError(.conflict) {
                try store.write { tx in try tx.insertAdmin(copy, passwordHash: Fixtures.passwordHash) }
            }
        }
    }

    @Test("An admin needs an existing group", arguments: StoreFactories.all)
    func unknownGroup(_ factory: StoreFactory) throws {
        try factory.withStore { store throws in
            expectKeywardError(.conflict) {
                try store.write { tx in try Fixtures.admin(in: tx, username: "x", groupID: 77) }
            }
            let alice = try store.write { tx in try Fixtures.admin(in: tx, username: "alice") }
            var moved = alice
            moved.groupID = 77
            expectKeywardError(.conflict) { try store.write { tx in try tx.updateAdmin(moved) } }
        }
    }

    @Test("Updating or deleting a missing admin is notFound", arguments: StoreFactories.all)
    func missing(_ factory: StoreFactory) throws {
        try factory.withStore { store throws in
            let ghost = Admin(
                id: 404, uuid: "u", username: "ghost", firstName: "", lastName: "", email: "",
                groupID: 1, createdAt: Fixtures.epoch, updatedAt: Fixtures.epoch
            )
            expectKeywardError(.notFound) { try store.write { tx in try tx.updateAdmin(ghost) } }
            expectKeywardError(.notFound) { try store.write { tx in try tx.deleteAdmin(id: 404) } }
            expectKeywardError(.notFound) {
                try store.write { tx in try tx.setPasswordHash(adminID: 404, hash: "h", at: Fixtures.epoch) }
            }
        }
    }

    @Test(
        "Deleting an admin deletes its credentials and their role links in the same transaction",
        arguments: StoreFactories.all)
    func deleteCascades(_ factory: StoreFactory) throws {
        try factory.withStore { store throws in
            let (alice, bob, role, aliceCredentials, bobCredential) = try store.write { tx throws in
                let alice = try Fixtures.admin(in: tx, username: "alice")
                let bob = try Fixtures.admin(in: tx, username: "bob")
                let role = try Fixtures.role(in: tx, name: "Reader")
                let first = try Fixtures.credential(in: tx, adminID: alice.id, roleIDs: [role.id])
                let second = try Fixtures.credential(in: tx, adminID: alice.id)
                let bobs = try Fixtures.credential(in: tx, adminID: bob.id, roleIDs: [role.id])
                return (alice, bob, role, [first, second], bobs)
            }

            try store.write { tx throws in
                try tx.deleteAdmin(id: alice.id)
                // Already gone inside the deleting transaction.
                for credential in aliceCredentials { #expect(try tx.credential(id: credential.id) == nil) }
                #expect(try tx.credentialIDs(adminID: alice.id).isEmpty)
                #expect(try tx.credentialIDs(holdingRole: role.id) == [bobCredential.id])
            }
            try store.read { tx throws in
                for credential in aliceCredentials {
                    #expect(try tx.credential(identifier: credential.identifier) == nil)
                    #expect(try tx.credentialAuthRecord(id: credential.id) == nil)
                }
                #expect(try tx.credential(id: bobCredential.id) == bobCredential)
                #expect(try tx.role(id: role.id) == role)
                #expect(try tx.admin(id: bob.id) == bob)
                #expect(try tx.authSnapshot().credentials.map(\.id) == [bobCredential.id])
            }
        }
    }
}
