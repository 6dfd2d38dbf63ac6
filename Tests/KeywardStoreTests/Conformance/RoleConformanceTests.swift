import FoundationEssentials
import KeywardCore
import KeywardTestSupport
import Testing

@Suite("Store conformance: API roles")
struct RoleConformanceTests {
    @Test("Insert, look up, list, update and delete a role", arguments: StoreFactories.all)
    func crud(_ factory: StoreFactory) throws {
        try factory.withStore { store throws in
            let (zeta, alpha) = try store.write { tx throws in
                (
                    try Fixtures.role(
                        in: tx, name: "zeta", description: "Last", actions: ["GetAdminDetails", "GetClients"]),
                    try Fixtures.role(in: tx, name: "Alpha", actions: [])
                )
            }
            #expect(zeta.allowedActions == ["getadmindetails", "getclients"])

            try store.read { tx throws in
                #expect(try tx.role(id: zeta.id) == zeta)
                #expect(try tx.role(named: "ZETA") == zeta)
                #expect(try tx.role(named: "alpha") == alpha)
                #expect(try tx.role(named: "beta") == nil)
                #expect(try tx.role(id: 999) == nil)
                #expect(try tx.roles() == [alpha, zeta])
            }

            var changed = zeta
            changed.name = "Beta"
            changed.description = ""
            changed.setAllowedActions(["CreateClient"])
            changed.updatedAt = Fixtures.epoch.addingTimeInterval(0.001)
            try store.write { tx in try tx.updateRole(changed) }
            try store.read { tx throws in
                #expect(try tx.role(id: zeta.id) == changed)
                #expect(try tx.role(named: "zeta") == nil)
                #expect(try tx.roles() == [alpha, changed])
            }

            try store.write { tx in try tx.deleteRole(id: alpha.id) }
            #expect(try store.read { try $0.roles() } == [changed])
        }
    }

    @Test("Role names are unique case-insensitively", arguments: StoreFactories.all)
    func uniqueNames(_ factory: StoreFactory) throws {
        try factory.withStore { store throws in
            try store.write { tx in _ = try Fixtures.role(in: tx, name: "Billing") }
            let error = expectKeywardError(.conflict) {
                try store.write { tx in try Fixtures.role(in: tx, name: "BILLING") }
            }
            #expect(error?.message.lowercased().contains("role") == true)
            let other = try store.write { tx in try Fixtures.role(in: tx, name: "Other") }
            var renamed = other
            renamed.name = "billing"
            expectKeywardError(.conflict) { try store.write { tx in try tx.updateRole(renamed) } }
        }
    }

    @Test("Deleting a role unassigns it from every credential", arguments: StoreFactories.all)
    func deleteUnassigns(_ factory: StoreFactory) throws {
        try factory.withStore { store throws in
            let (role, keep, first, second, third) = try store.write { tx throws in
                let admin = try Fixtures.admin(in: tx, username: "alice")
                let role = try Fixtures.role(in: tx, name: "Doomed")
                let keep = try Fixtures.role(in: tx, name: "Kept")
                let first = try Fixtures.credential(in: tx, adminID: admin.id, roleIDs: [role.id, keep.id])
                let second = try Fixtures.credential(in: tx, adminID: admin.id, roleIDs: [role.id])
                let third = try Fixtures.credential(in: tx, adminID: admin.id, roleIDs: [keep.id])
                return (role, keep, first, second, third)
            }
            #expect(try store.read { try $0.credentialIDs(holdingRole: role.id) } == [first.id, second.id])

            try store.write { tx in try tx.deleteRole(id: role.id) }
            try store.read { tx throws in
                #expect(try tx.credentialIDs(holdingRole: role.id).isEmpty)
                #expect(try tx.credential(id: first.id)?.roleIDs == [keep.id])
                #expect(try tx.credential(id: second.id)?.roleIDs == [])
                #expect(try tx.credential(id: third.id)?.roleIDs == [keep.id])
                #expect(try tx.credentialAuthRecord(id: first.id)?.roleIDs == [keep.id])
            }
        }
    }

    @Test("Updating or deleting a missing role is notFound", arguments: StoreFactories.all)
    func missing(_ factory: StoreFactory) throws {
        try factory.withStore { store throws in
            let ghost = APIRole(
                id: 404, name: "Ghost", allowedActions: [String](), createdAt: Fixtures.epoch, updatedAt: Fixtures.epoch
            )
            expectKeywardError(.notFound) { try store.write { tx in try tx.updateRole(ghost) } }
            expectKeywardError(.notFound) { try store.write { tx in try tx.deleteRole(id: 404) } }
            #expect(try store.read { try $0.credentialIDs(holdingRole: 404) }.isEmpty)
        }
    }
}
