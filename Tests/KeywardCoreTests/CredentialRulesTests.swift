import KeywardCore
import KeywardCrypto
import Testing

@Suite("Credential rules")
struct CredentialRulesTests {
    @Test("A generated credential authenticates as its admin")
    func generatedCredentialAuthenticates() throws {
        let kw = try TestKeyward()
        let role = try kw.role("details", ["GetAdminDetails"])
        let made = try kw.management.generateCredential(adminID: kw.admin.id, roleIDs: [role.id], context: .cli())
        let check = kw.check(made)
        #expect(check.principal?.adminID == kw.admin.id)
        #expect(check.principal?.identifier == made.credential.identifier)
        #expect(check.allowed)
    }

    @Test("A wrong secret, an unknown identifier and a missing secret all fail")
    func wrongSecretsFail() throws {
        let kw = try TestKeyward()
        let role = try kw.role("details", ["GetAdminDetails"])
        let made = try kw.management.generateCredential(adminID: kw.admin.id, roleIDs: [role.id], context: .cli())
        let wrong = kw.index.check(
            identifier: made.credential.identifier,
            presented: .secret(Substring(made.secret.dropLast() + (made.secret.hasSuffix("x") ? "y" : "x"))),
            action: "getadmindetails"
        )
        #expect(wrong.principal == nil)
        #expect(!wrong.allowed)
        let unknown = kw.index.check(
            identifier: "kwid_unknown", presented: .secret(Substring(made.secret)), action: nil)
        #expect(unknown.principal == nil)
        let empty = kw.index.check(identifier: made.credential.identifier, presented: .secret(""), action: nil)
        #expect(empty.principal == nil)
    }

    @Test("The hex MD5 of the secret authenticates, in either case")
    func md5OfSecretAuthenticates() throws {
        let kw = try TestKeyward()
        let role = try kw.role("details", ["GetAdminDetails"])
        let made = try kw.management.generateCredential(adminID: kw.admin.id, roleIDs: [role.id], context: .cli())
        let md5 = MD5.hex(Array(made.secret.utf8))
        for presented in [md5, md5.uppercased()] {
            let check = kw.index.check(
                identifier: made.credential.identifier,
                presented: .md5Hex(Substring(presented)),
                action: "getadmindetails"
            )
            #expect(check.principal != nil)
        }
        let wrong = kw.index.check(
            identifier: made.credential.identifier,
            presented: .md5Hex(Substring(MD5.hex(Array("nope".utf8)))),
            action: nil
        )
        #expect(wrong.principal == nil)
    }

    @Test("Disabling an admin stops its credentials; enabling restores them")
    func disablingAdminInvalidates() throws {
        let kw = try TestKeyward()
        let other = try kw.management.createAdmin(
            AdminInput(username: "bob", firstName: "Bob", lastName: "B", email: "bob@example.com"),
            password: "bob password",
            context: .cli()
        )
        let role = try kw.role("details", ["GetAdminDetails"])
        let made = try kw.management.generateCredential(adminID: other.id, roleIDs: [role.id], context: .cli())
        #expect(kw.authenticates(made))
        try kw.management.setDisabled(adminID: other.id, true, context: .cli())
        #expect(!kw.authenticates(made))
        try kw.management.setDisabled(adminID: other.id, false, context: .cli())
        #expect(kw.authenticates(made))
    }

    @Test("Removing an admin removes its credentials in the same transaction")
    func removingAdminRemovesCredentials() throws {
        let kw = try TestKeyward()
        let other = try kw.management.createAdmin(
            AdminInput(username: "bob", firstName: "Bob", lastName: "B", email: "bob@example.com"),
            password: "bob password",
            context: .cli()
        )
        let role = try kw.role("details", ["GetAdminDetails"])
        let first = try kw.management.generateCredential(adminID: other.id, roleIDs: [role.id], context: .cli())
        let second = try kw.management.generateCredential(adminID: other.id, roleIDs: [role.id], context: .cli())
        let removed = try kw.management.removeAdmin(id: other.id, context: .cli())
        #expect(removed == 2)
        #expect(!kw.authenticates(first))
        #expect(!kw.authenticates(second))
        #expect(throws: KeywardError.self) { try kw.management.credential(named: first.credential.identifier) }
        let events = try kw.store.read { try $0.auditEvents(matching: AuditQuery(search: "admin.removed")) }
        #expect(events.events.first?.details["credentials"] == "2")
    }

    @Test("Changing the admin's password leaves its credentials working")
    func passwordChangeKeepsCredentials() throws {
        let kw = try TestKeyward()
        let role = try kw.role("details", ["GetAdminDetails"])
        let made = try kw.management.generateCredential(adminID: kw.admin.id, roleIDs: [role.id], context: .cli())
        try kw.management.setPassword(adminID: kw.admin.id, password: "a brand new password", context: .cli())
        #expect(kw.authenticates(made))
        #expect(try kw.management.verifySignIn(username: "admin", password: "a brand new password") != nil)
        #expect(try kw.management.verifySignIn(username: "admin", password: "first password") == nil)
    }

    @Test("Removing API Access from the admin's group stops its credentials")
    func groupWithoutAPIAccess() throws {
        let kw = try TestKeyward()
        let group = try kw.management.createGroup(name: "Robots", permissions: [.apiAccess], context: .cli())
        let robot = try kw.management.createAdmin(
            AdminInput(username: "robot", firstName: "R", lastName: "B", email: "r@example.com", groupID: group.id),
            password: "robot password",
            context: .cli()
        )
        let role = try kw.role("details", ["GetAdminDetails"])
        let made = try kw.management.generateCredential(adminID: robot.id, roleIDs: [role.id], context: .cli())
        #expect(kw.authenticates(made))
        try kw.management.updateGroup(id: group.id, permissions: [], context: .cli())
        #expect(!kw.authenticates(made))
    }

    @Test("Removing a credential stops it at once")
    func removingCredential() throws {
        let kw = try TestKeyward()
        let role = try kw.role("details", ["GetAdminDetails"])
        let made = try kw.management.generateCredential(adminID: kw.admin.id, roleIDs: [role.id], context: .cli())
        try kw.management.removeCredential(id: made.credential.id, context: .cli())
        #expect(!kw.authenticates(made))
    }

    @Test("Generating needs an existing admin and at least one API role in the system")
    func generationPreconditions() throws {
        let kw = try TestKeyward()
        #expect(throws: KeywardError.self) {
            try kw.management.generateCredential(adminID: kw.admin.id, context: .cli())
        }
        try kw.role("details", ["GetAdminDetails"])
        #expect(throws: KeywardError.self) {
            try kw.management.generateCredential(adminID: 999, context: .cli())
        }
        // The credential itself may hold no role: it is then allowed nothing.
        let bare = try kw.management.generateCredential(adminID: kw.admin.id, context: .cli())
        let check = kw.check(bare)
        #expect(check.principal != nil)
        #expect(!check.allowed)
    }

    @Test("Roles combine as a union and actions compare case-insensitively")
    func rolesUnion() throws {
        let kw = try TestKeyward()
        let details = try kw.role("details", ["GetAdminDetails"])
        let users = try kw.role("users", ["getadminusers"])
        let made = try kw.management.generateCredential(
            adminID: kw.admin.id,
            roleIDs: [details.id, users.id],
            context: .cli()
        )
        #expect(kw.check(made, "getadmindetails").allowed)
        #expect(kw.check(made, "getadminusers").allowed)
        #expect(!kw.check(made, "whmcsdetails").allowed)
        #expect(users.allows("GETADMINUSERS"))
        #expect(users.allowedActions == ["getadminusers"])
    }

    @Test("Deleting a role unassigns it; re-creating the name does not re-assign it")
    func roleDeletionUnassigns() throws {
        let kw = try TestKeyward()
        let keep = try kw.role("keep", ["WhmcsDetails"])
        let doomed = try kw.role("doomed", ["GetAdminDetails"])
        let made = try kw.management.generateCredential(
            adminID: kw.admin.id,
            roleIDs: [keep.id, doomed.id],
            context: .cli()
        )
        #expect(kw.check(made, "getadmindetails").allowed)
        let holders = try kw.management.removeRole(id: doomed.id, context: .cli())
        #expect(holders == 1)
        #expect(!kw.check(made, "getadmindetails").allowed)
        #expect(kw.check(made, "whmcsdetails").allowed)
        #expect(try kw.management.credential(named: made.credential.identifier).roleIDs == [keep.id])
        try kw.role("doomed", ["GetAdminDetails"])
        #expect(!kw.check(made, "getadmindetails").allowed)
    }

    @Test("Roles accept only actions from the catalog")
    func unknownActionsRejected() throws {
        let kw = try TestKeyward()
        #expect(throws: KeywardError.self) { try kw.role("bad", ["Frobnicate"]) }
    }

    @Test("Changing roles changes what the credential may do, at once")
    func setRoles() throws {
        let kw = try TestKeyward()
        let details = try kw.role("details", ["GetAdminDetails"])
        let users = try kw.role("users", ["GetAdminUsers"])
        let made = try kw.management.generateCredential(adminID: kw.admin.id, roleIDs: [details.id], context: .cli())
        try kw.management.setCredentialRoles(id: made.credential.id, roleIDs: [users.id], context: .cli())
        #expect(!kw.check(made, "getadmindetails").allowed)
        #expect(kw.check(made, "getadminusers").allowed)
    }
}
