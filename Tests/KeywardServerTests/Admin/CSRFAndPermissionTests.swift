import KeywardCore
import KeywardHTTP
import KeywardServer
import Testing

@Suite("Admin area: CSRF tokens and permissions")
struct CSRFAndPermissionTests {
    @Test(
        "A state-changing post without a valid CSRF token gets 403 and changes nothing",
        arguments: [nil, "", "wrong-token-0123456789abcdef"] as [String?]
    )
    func csrfRejected(token: String?) throws {
        let harness = try AdminHarness()
        let role = try harness.role()
        var browser = harness.browser()
        browser.signIn()
        var form = [("admin_id", "1"), ("description", "forged"), ("role_ids", String(role.id))]
        if let token { form.append(("csrf_token", token)) }
        let response = browser.post("/admin/api-credentials", form)
        #expect(response.status == .forbidden)
        #expect(response.text.contains("nothing was changed"))
        #expect(try harness.credentialCount() == 0)

        let generated = try harness.management.generateCredential(adminID: 1, roleIDs: [role.id], context: .system)
        let id = generated.credential.id
        let targets = [
            "/admin/api-credentials/\(id)/delete", "/admin/api-credentials/\(id)/description",
            "/admin/api-credentials/roles/\(role.id)/delete", "/admin/admins/1/disable", "/admin/security/access-key",
        ]
        for target in targets {
            var fields = [("description", "forged"), ("access_key", "forged-key-123")]
            if let token { fields.append(("csrf_token", token)) }
            #expect(browser.post(target, fields).status == .forbidden, "\(target)")
        }
        #expect(try harness.credentialCount() == 1)
        #expect(try harness.management.credentials(matching: CredentialQuery()).rows[0].credential.description == "")
        #expect(try harness.management.roles().count == 1)
        #expect(try harness.management.admin(id: 1).isDisabled == false)
        #expect(try harness.management.securitySettings().hasAccessKey == false)
    }

    @Test("The script's X-CSRF-Token header is accepted in place of the form field")
    func csrfHeader() throws {
        let harness = try AdminHarness()
        let role = try harness.role()
        var browser = harness.browser()
        browser.signIn()
        let token = browser.csrfToken()
        let response = browser.post(
            "/admin/api-credentials",
            [("admin_id", "1"), ("role_ids", String(role.id))],
            headers: [("X-CSRF-Token", token), ("X-Keyward-Fragment", "1")]
        )
        #expect(response.status == .ok)
        #expect(response.text.contains("You must copy the Secret value."))
        #expect(try harness.credentialCount() == 1)
    }

    @Test("Another session's token does not work")
    func otherSessionsToken() throws {
        let harness = try AdminHarness()
        try harness.role()
        var first = harness.browser()
        first.signIn()
        var second = harness.browser(ip: "127.0.0.5")
        second.signIn()
        let foreign = second.csrfToken()
        #expect(
            first.post("/admin/api-credentials", [("admin_id", "1"), ("csrf_token", foreign)]).status == .forbidden)
    }

    @Test("An admin without Manage API Credentials gets a 403 page and no menu entry")
    func forbiddenPage() throws {
        let harness = try AdminHarness()
        let role = try harness.role()
        try harness.admin("support", permissions: [.apiAccess, .viewActivityLog])
        var browser = harness.browser()
        browser.signIn("support")
        let home = browser.get("/admin/")
        #expect(home.status == .ok)
        #expect(!home.text.contains("Manage API Credentials"))
        #expect(home.text.contains("Activity Log"))

        for path in ["/admin/api-credentials", "/admin/api-credentials/roles", "/admin/admins", "/admin/security"] {
            let page = browser.get(path)
            #expect(page.status == .forbidden, "\(path)")
            #expect(page.text.contains("You do not have permission to access this page."))
            #expect(!page.text.contains("href=\"/admin/api-credentials\""))
        }
        let token = browser.csrfToken()
        let post = browser.post(
            "/admin/api-credentials",
            [("csrf_token", token), ("admin_id", "1"), ("role_ids", String(role.id))]
        )
        #expect(post.status == .forbidden)
        #expect(try harness.credentialCount() == 0)
        #expect(browser.get("/admin/activity").status == .ok)
    }

    @Test("An admin with only Manage API Credentials sees that page and only it")
    func onlyCredentials() throws {
        let harness = try AdminHarness()
        try harness.admin("keys", permissions: [.manageAPICredentials])
        var browser = harness.browser()
        browser.signIn("keys")
        let home = browser.get("/admin/")
        #expect(home.text.contains("href=\"/admin/api-credentials\""))
        #expect(!home.text.contains("href=\"/admin/admins\""))
        #expect(!home.text.contains("href=\"/admin/security\""))
        #expect(browser.get("/admin/api-credentials").status == .ok)
        #expect(browser.get("/admin/admins").status == .forbidden)
    }
}
