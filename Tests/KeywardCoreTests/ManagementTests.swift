import KeywardCore
import KeywardCrypto
import KeywardSupport
import KeywardTestSupport
import Testing

@Suite("Management: audit, permissions, validation")
struct ManagementTests {
    @Test("Every change writes one audit event in its transaction; a failed change writes none")
    func auditWithChange() throws {
        let kw = try TestKeyward()
        let before = try kw.store.read { try $0.auditEvents(matching: AuditQuery(limit: 1000)).matching }
        try kw.role("details", ["GetAdminDetails"])
        let after = try kw.store.read { try $0.auditEvents(matching: AuditQuery(limit: 1000)) }
        #expect(after.matching == before + 1)
        #expect(after.events.first?.event == "role.created")
        #expect(after.events.first?.actor.kind == .cli)

        #expect(throws: KeywardError.self) { try kw.role("DETAILS", ["GetAdminDetails"]) }
        let failed = try kw.store.read { try $0.auditEvents(matching: AuditQuery(limit: 1000)).matching }
        #expect(failed == after.matching)
    }

    @Test("A duplicate username is a conflict, compared case-insensitively")
    func duplicateUsername() throws {
        let kw = try TestKeyward()
        do {
            try kw.management.createAdmin(
                AdminInput(username: "ADMIN", firstName: "A", lastName: "B", email: "x@example.com"),
                password: "some password",
                context: .cli()
            )
            Issue.record("expected a conflict")
        } catch let error as KeywardError {
            #expect(error.code == .conflict)
        }
    }

    @Test("Audit events never contain the secret")
    func auditHasNoSecret() throws {
        let kw = try TestKeyward()
        try kw.role("details", ["GetAdminDetails"])
        let made = try kw.management.generateCredential(adminID: kw.admin.id, description: "ci", context: .cli())
        let events = try kw.store.read { try $0.auditEvents(matching: AuditQuery(limit: 1000)).events }
        let text = "\(events)"
        #expect(!text.contains(made.secret))
        #expect(!text.contains(MD5.hex(Array(made.secret.utf8))))
        #expect(events.first?.event == "credential.generated")
    }

    @Test("An acting admin needs the permission; without it nothing changes")
    func actingAdminPermissions() throws {
        let kw = try TestKeyward()
        let group = try kw.management.createGroup(name: "Api Only", permissions: [.apiAccess], context: .cli())
        let limited = try kw.management.createAdmin(
            AdminInput(username: "limited", firstName: "L", lastName: "M", email: "l@example.com", groupID: group.id),
            password: "limited password",
            context: .cli()
        )
        let asLimited = AuditContext(actor: .admin(limited), actingAdminID: limited.id)
        let asAdmin = AuditContext(actor: .admin(kw.admin), actingAdminID: kw.admin.id)
        do {
            try kw.management.createRole(name: "x", actions: ["GetAdminDetails"], context: asLimited)
            Issue.record("expected forbidden")
        } catch let error as KeywardError {
            #expect(error.code == .forbidden)
        }
        #expect(try kw.management.roles().isEmpty)
        let role = try kw.management.createRole(name: "x", actions: ["GetAdminDetails"], context: asAdmin)
        #expect(throws: KeywardError.self) {
            try kw.management.generateCredential(adminID: limited.id, roleIDs: [role.id], context: asLimited)
        }
        #expect(throws: KeywardError.self) {
            try kw.management.setDisabled(adminID: kw.admin.id, true, context: asLimited)
        }
    }

    @Test("The last admin who can configure administrators cannot be disabled or removed")
    func lastAdministratorProtected() throws {
        let kw = try TestKeyward()
        #expect(throws: KeywardError.self) {
            try kw.management.setDisabled(adminID: kw.admin.id, true, context: .cli())
        }
        #expect(throws: KeywardError.self) { try kw.management.removeAdmin(id: kw.admin.id, context: .cli()) }
        try kw.management.createAdmin(
            AdminInput(username: "second", firstName: "S", lastName: "E", email: "s@example.com"),
            password: "second password",
            context: .cli()
        )
        try kw.management.setDisabled(adminID: kw.admin.id, true, context: .cli())
        #expect(try kw.management.admin(id: kw.admin.id).isDisabled)
    }

    @Test("Input rules", arguments: ["", "has space", String(repeating: "a", count: 65), "tab\tname"])
    func badUsernames(_ username: String) throws {
        let kw = try TestKeyward()
        #expect(throws: KeywardError.self) {
            try kw.management.createAdmin(
                AdminInput(username: username, firstName: "A", lastName: "B", email: "a@example.com"),
                password: "long enough",
                context: .cli()
            )
        }
    }

    @Test("Short passwords are refused")
    func shortPassword() throws {
        let kw = try TestKeyward()
        #expect(throws: KeywardError.self) {
            try kw.management.setPassword(adminID: kw.admin.id, password: "short", context: .cli())
        }
    }

    @Test("Sign-in rehashes a password made with another cost")
    func rehashOnSignIn() throws {
        let kw = try TestKeyward()
        let old = try #require(try kw.store.read { try $0.passwordHash(adminID: kw.admin.id) })
        let stronger = Management(
            store: kw.store,
            clock: kw.clock,
            passwords: Argon2idPasswordHasher(cost: try .init(opsLimit: 2, memLimit: 16 * 1024)),
            secrets: kw.management.secrets,
            generator: kw.management.generator
        )
        #expect(try stronger.verifySignIn(username: "admin", password: "first password") != nil)
        let new = try #require(try kw.store.read { try $0.passwordHash(adminID: kw.admin.id) })
        #expect(new != old)
        #expect(try stronger.verifySignIn(username: "admin", password: "first password") != nil)
        #expect(try kw.store.read { try $0.passwordHash(adminID: kw.admin.id) } == new)
    }

    @Test("Disabled admins cannot sign in; unknown usernames fail the same way")
    func signInRules() throws {
        let kw = try TestKeyward()
        #expect(try kw.management.verifySignIn(username: "nobody", password: "first password") == nil)
        #expect(try kw.management.verifySignIn(username: "ADMIN", password: "first password") != nil)
    }

    @Test("Security settings validate and the access key is stored only as a hash")
    func securitySettings() throws {
        let kw = try TestKeyward()
        try kw.management.setAccessKey("an access key value", context: .cli())
        let stored = try kw.store.read { try $0.settings() }
        #expect(!stored.values.contains { $0.contains("an access key value") })
        #expect(kw.index.accessKeyMatches("an access key value"))
        #expect(!kw.index.accessKeyMatches("another key"))
        #expect(throws: KeywardError.self) {
            try kw.management.updateSecuritySettings(context: .cli()) { $0.banExemptions = ["not an ip"] }
        }
        try kw.management.updateSecuritySettings(context: .cli()) { $0.legacyLoginEnabled = false }
        #expect(kw.index.settings.legacyLoginEnabled == false)
    }

    @Test("The allowlist starts with the local machine and accepts IPs and CIDR ranges")
    func allowlist() throws {
        let kw = try TestKeyward()
        #expect(try kw.management.allowlist().map(\.network) == ["127.0.0.1/32", "::1/128"])
        try kw.management.addAllowlistEntry("10.1.0.0/16", note: "office", context: .cli())
        #expect(throws: KeywardError.self) { try kw.management.addAllowlistEntry("10.1.0.0/33", context: .cli()) }
        #expect(kw.index.isAllowlisted(try #require(IPAddress("10.1.2.3"))))
        #expect(!kw.index.isAllowlisted(try #require(IPAddress("10.2.0.1"))))
    }
}
