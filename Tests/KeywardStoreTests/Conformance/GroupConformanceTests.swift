import FoundationEssentials
import KeywardCore
import KeywardTestSupport
import Testing

@Suite("Store conformance: admin role groups")
struct GroupConformanceTests {
    @Test("Insert, look up, list, update and delete a group", arguments: StoreFactories.all)
    func crud(_ factory: StoreFactory) throws {
        try factory.withStore { store throws in
            let later = Fixtures.epoch.addingTimeInterval(60.5)
            let group = try store.write { tx throws in
                try Fixtures.group(in: tx, name: "Billing Team", permissions: [.apiAccess, .viewActivityLog])
            }
            #expect(group.id > 3)

            try store.read { tx throws in
                #expect(try tx.group(id: group.id) == group)
                #expect(try tx.group(named: "billing team") == group)
                #expect(try tx.group(named: "BILLING TEAM") == group)
                #expect(try tx.group(named: "Billing") == nil)
                #expect(try tx.group(id: 999) == nil)
                #expect(try tx.groups().map(\.id) == [1, 2, 3, group.id])
            }

            var changed = group
            changed.name = "Finance"
            changed.permissions = [.manageAPICredentials]
            changed.updatedAt = later
            try store.write { tx in try tx.updateGroup(changed) }
            try store.read { tx throws in
                #expect(try tx.group(id: group.id) == changed)
                #expect(try tx.group(named: "Billing Team") == nil)
            }

            try store.write { tx in try tx.deleteGroup(id: group.id) }
            try store.read { tx throws in
                #expect(try tx.group(id: group.id) == nil)
                #expect(try tx.groups().count == 3)
            }
        }
    }

    @Test("Group names are unique case-insensitively", arguments: StoreFactories.all)
    func uniqueNames(_ factory: StoreFactory) throws {
        try factory.withStore { store throws in
            let group = try store.write { tx in try Fixtures.group(in: tx, name: "Auditors") }
            let error = expectKeywardError(.conflict) {
                try store.write { tx in try Fixtures.group(in: tx, name: "AUDITORS") }
            }
            #expect(error?.message.contains("AUDITORS") == false)
            expectKeywardError(.conflict) {
                try store.write { tx in try Fixtures.group(in: tx, name: "full administrator") }
            }
            let other = try store.write { tx in try Fixtures.group(in: tx, name: "Others") }
            var renamed = other
            renamed.name = "auditors"
            expectKeywardError(.conflict) { try store.write { tx in try tx.updateGroup(renamed) } }
            #expect(try store.read { try $0.group(id: group.id) } == group)
            #expect(try store.read { try $0.group(id: other.id) } == other)
        }
    }

    @Test("A group that still has admins cannot be deleted", arguments: StoreFactories.all)
    func deleteInUse(_ factory: StoreFactory) throws {
        try factory.withStore { store throws in
            let group = try store.write { tx throws in
                let group = try Fixtures.group(in: tx, name: "Support")
                try Fixtures.admin(in: tx, username: "sam", groupID: group.id)
                return group
            }
            expectKeywardError(.conflict) { try store.write { tx in try tx.deleteGroup(id: group.id) } }
            #expect(try store.read { try $0.group(id: group.id) } == group)
        }
    }

    @Test("Updating or deleting a missing group is notFound", arguments: StoreFactories.all)
    func missing(_ factory: StoreFactory) throws {
        try factory.withStore { store throws in
            let ghost = AdminGroup(
                id: 404, name: "Ghost", permissions: [], createdAt: Fixtures.epoch, updatedAt: Fixtures.epoch)
            expectKeywardError(.notFound) { try store.write { tx in try tx.updateGroup(ghost) } }
            expectKeywardError(.notFound) { try store.write { tx in try tx.deleteGroup(id: 404) } }
        }
    }
}
