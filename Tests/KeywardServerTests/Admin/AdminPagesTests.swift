import KeywardCore
import KeywardHTTP
import KeywardServer
import Testing

@Suite("Admin area: roles, administrators, groups, security settings, activity log")
struct AdminPagesTests {
    @Test("Create API Role, view, edit and delete it (deleting unassigns it)")
    func roles() throws {
        let harness = try AdminHarness()
        var (browser, token) = CredentialsPageTests.signedIn(harness)
        let editor = browser.get("/admin/api-credentials/roles/new")
        #expect(editor.status == .ok)
        #expect(editor.text.contains("data-category=\"authentication\""))
        #expect(editor.text.contains("value=\"GetAdminDetails\""))

        let missing = browser.post("/admin/api-credentials/roles", [("csrf_token", token), ("name", " ")])
        #expect(missing.status == .unprocessableContent)
        #expect(missing.text.contains("The role name is required"))

        let created = browser.post(
            "/admin/api-credentials/roles",
            [
                ("csrf_token", token), ("name", "Reporting"), ("description", "Read-only"),
                ("actions", "GetAdminDetails"), ("actions", "GetAdminUsers"),
            ]
        )
        #expect(created.status == .seeOther)
        let role = try #require(try harness.management.roles().first)
        #expect(role.allowedActions == ["getadmindetails", "getadminusers"])
        let generated = try harness.management.generateCredential(adminID: 1, roleIDs: [role.id], context: .system)

        let list = browser.get("/admin/api-credentials/roles").text
        #expect(list.contains("Reporting"))
        #expect(list.contains("2 actions"))
        #expect(list.contains("It will be unassigned from 1 API credential."))

        let detail = browser.get("/admin/api-credentials/roles/\(role.id)", headers: [("X-Keyward-Fragment", "1")]).text
        #expect(detail.contains("data-title=\"API Role: Reporting\""))
        #expect(detail.contains("<code>GetAdminUsers</code>"))

        let updated = browser.post(
            "/admin/api-credentials/roles/\(role.id)",
            [("csrf_token", token), ("name", "Reporting"), ("description", ""), ("actions", "GetAdminUsers")]
        )
        #expect(updated.status == .seeOther)
        #expect(try harness.management.roles().first?.allowedActions == ["getadminusers"])

        let deleted = browser.post("/admin/api-credentials/roles/\(role.id)/delete", [("csrf_token", token)])
        #expect(deleted.location == "/admin/api-credentials/roles?notice=role-deleted")
        #expect(try harness.management.roles().isEmpty)
        #expect(try harness.management.credential(named: generated.credential.identifier).roleIDs.isEmpty)
    }

    @Test("Administrators: create, edit, change password, disable, enable and remove with the credential count")
    func administrators() throws {
        let harness = try AdminHarness()
        let role = try harness.role()
        var (browser, token) = CredentialsPageTests.signedIn(harness)
        #expect(browser.get("/admin/admins/new").status == .ok)

        let mismatch = browser.post(
            "/admin/admins",
            [
                ("csrf_token", token), ("username", "bob"), ("group_id", "1"), ("password", "password one"),
                ("confirm_password", "two"),
            ]
        )
        #expect(mismatch.status == .unprocessableContent)
        #expect(mismatch.text.contains("The passwords do not match."))
        #expect(mismatch.text.contains("value=\"bob\""))

        let created = browser.post(
            "/admin/admins",
            [
                ("csrf_token", token), ("username", "bob"), ("first_name", "Bob"), ("last_name", "Builder"),
                ("email", "bob@example.com"), ("group_id", "2"), ("password", "password one"),
                ("confirm_password", "password one"),
            ]
        )
        #expect(created.status == .seeOther)
        let bob = try harness.management.admin(named: "bob")
        #expect(bob.groupID == 2)
        for _ in 0..<2 {
            _ = try harness.management.generateCredential(adminID: bob.id, roleIDs: [role.id], context: .system)
        }

        let list = browser.get("/admin/admins").text
        #expect(list.contains("Bob Builder"))
        #expect(list.contains("Sales Operator"))
        #expect(list.contains("Its 2 API credentials will stop working at once and be deleted."))

        let edited = browser.post(
            "/admin/admins/\(bob.id)",
            [
                ("csrf_token", token), ("username", "bob"), ("first_name", "Robert"), ("last_name", "Builder"),
                ("email", "robert@example.com"), ("group_id", "1"), ("notes", ""),
            ]
        )
        #expect(edited.location == "/admin/admins/\(bob.id)/edit?notice=admin-updated")
        #expect(try harness.management.admin(id: bob.id).firstName == "Robert")

        let password = browser.post(
            "/admin/admins/\(bob.id)/password",
            [("csrf_token", token), ("password", "another password"), ("confirm_password", "another password")]
        )
        #expect(password.status == .seeOther)
        #expect(try harness.management.verifySignIn(username: "bob", password: "another password") != nil)
        // A new password leaves the admin's API credentials working.
        let credential = try harness.management.generateCredential(
            adminID: bob.id, roleIDs: [role.id], context: .system)
        _ = browser.post(
            "/admin/admins/\(bob.id)/password",
            [("csrf_token", token), ("password", "third password"), ("confirm_password", "third password")]
        )
        let check = harness.index.check(
            identifier: credential.credential.identifier,
            presented: .secret(Substring(credential.secret)),
            action: "getadmindetails"
        )
        #expect(check.principal?.adminID == bob.id)
        try harness.management.removeCredential(id: credential.credential.id, context: .system)

        #expect(browser.post("/admin/admins/\(bob.id)/disable", [("csrf_token", token)]).status == .seeOther)
        #expect(try harness.management.admin(id: bob.id).isDisabled)
        #expect(browser.get("/admin/admins/\(bob.id)/edit").text.contains("Enable Administrator"))
        #expect(browser.post("/admin/admins/\(bob.id)/enable", [("csrf_token", token)]).status == .seeOther)
        #expect(try harness.management.admin(id: bob.id).isDisabled == false)

        let confirmation = browser.get("/admin/admins/\(bob.id)/remove").text
        #expect(confirmation.contains("Its 2 API credentials will stop working at once and be deleted."))
        #expect(browser.post("/admin/admins/\(bob.id)/remove", [("csrf_token", token)]).status == .seeOther)
        #expect(try harness.credentialCount() == 0)

        // One cannot remove oneself.
        let own = browser.post("/admin/admins/1/remove", [("csrf_token", token)])
        #expect(own.status == .conflict)
        #expect(own.text.contains("You cannot remove your own account"))
    }

    @Test("Admin role groups: create and edit permissions")
    func groups() throws {
        let harness = try AdminHarness()
        var (browser, token) = CredentialsPageTests.signedIn(harness)
        #expect(browser.get("/admin/admin-groups").text.contains("Full Administrator"))
        let created = browser.post(
            "/admin/admin-groups",
            [
                ("csrf_token", token), ("name", "Integrators"), ("permissions", "API Access"),
                ("permissions", "Manage API Credentials"),
            ]
        )
        #expect(created.status == .seeOther)
        let group = try harness.management.group(named: "Integrators")
        #expect(group.permissions == [.apiAccess, .manageAPICredentials])
        let edited = browser.post(
            "/admin/admin-groups/\(group.id)",
            [("csrf_token", token), ("name", "Integrators"), ("permissions", "API Access")]
        )
        #expect(edited.status == .seeOther)
        #expect(try harness.management.group(named: "Integrators").permissions == [.apiAccess])
        #expect(browser.post("/admin/admin-groups/\(group.id)/delete", [("csrf_token", token)]).status == .seeOther)
    }

    @Test("Security settings: allowlist, access key (never shown), legacy switch and bans")
    func security() throws {
        let harness = try AdminHarness()
        var (browser, token) = CredentialsPageTests.signedIn(harness)
        let page = browser.get("/admin/security").text
        #expect(page.contains("API IP Allowlist"))

        let bad = browser.post("/admin/security/allowlist", [("csrf_token", token), ("network", "not-an-ip")])
        #expect(bad.status == .unprocessableContent)
        #expect(bad.text.contains("is not an IP address or CIDR range"))
        #expect(
            browser.post(
                "/admin/security/allowlist", [("csrf_token", token), ("network", "203.0.113.0/24"), ("note", "Office")]
            ).status == .seeOther)
        let entry = try #require(try harness.management.allowlist().first { $0.network == "203.0.113.0/24" })
        #expect(
            browser.post("/admin/security/allowlist/\(entry.id)/delete", [("csrf_token", token)]).status == .seeOther)
        #expect(try harness.management.allowlist().contains { $0.id == entry.id } == false)

        #expect(
            browser.post("/admin/security/access-key", [("csrf_token", token), ("access_key", "s3cret-access-key")])
                .status == .seeOther)
        #expect(harness.index.accessKeyMatches("s3cret-access-key"))
        #expect(!browser.get("/admin/security").text.contains("s3cret-access-key"))
        #expect(browser.post("/admin/security/access-key/remove", [("csrf_token", token)]).status == .seeOther)
        #expect(try harness.management.securitySettings().hasAccessKey == false)

        let saved = browser.post(
            "/admin/security/settings",
            [
                ("csrf_token", token), ("signin_ban_threshold", "5"), ("api_ban_threshold", "30"),
                ("ban_minutes", "30"),
                ("ban_exemptions", "10.0.0.0/8\n192.0.2.1"), ("rate_limit", "10"), ("rate_burst", "50"),
            ]
        )
        #expect(saved.status == .seeOther)
        let settings = try harness.management.securitySettings()
        #expect(settings.legacyLoginEnabled == false)
        #expect(settings.signInBanThreshold == 5)
        #expect(settings.banSeconds == 1800)
        #expect(settings.banExemptions == ["10.0.0.0/8", "192.0.2.1/32"])
        #expect(settings.rateLimitPerSecond == 10)

        let invalid = browser.post(
            "/admin/security/settings",
            [
                ("csrf_token", token), ("signin_ban_threshold", "0"), ("api_ban_threshold", "30"),
                ("ban_minutes", "30"), ("rate_limit", "0"), ("rate_burst", "1"),
            ]
        )
        #expect(invalid.status == .unprocessableContent)
        #expect(invalid.text.contains("Ban thresholds must be between 1 and 1,000,000"))
    }

    @Test("The activity log lists events newest first and searches them")
    func activity() throws {
        let harness = try AdminHarness()
        try harness.role("Alpha")
        harness.clock.advance(by: 5)
        try harness.role("Beta")
        var (browser, _) = CredentialsPageTests.signedIn(harness)
        let page = browser.get("/admin/activity").text
        let beta = try #require(page.range(of: "role: Beta"))
        let alpha = try #require(page.range(of: "role: Alpha"))
        #expect(beta.lowerBound < alpha.lowerBound)
        let searched = browser.get("/admin/activity?search=alpha").text
        #expect(searched.contains("role: Alpha"))
        #expect(!searched.contains("role: Beta"))
    }

    @Test("Unknown admin paths get the area's 404 page")
    func notFound() throws {
        let harness = try AdminHarness()
        var anonymous = harness.browser()
        let bare = anonymous.get("/admin/no-such-page")
        #expect(bare.status == .notFound)
        #expect(bare.text.contains("Page Not Found"))
        var (browser, _) = CredentialsPageTests.signedIn(harness)
        let page = browser.get("/admin/no/such/page")
        #expect(page.status == .notFound)
        #expect(page.text.contains("Configuration"))
        #expect(browser.get("/admin/api-credentials/999/edit").status == .notFound)
        #expect(browser.get("/admin/api-credentials/abc/edit").status == .notFound)
    }

    @Test("Every page carries the security headers and a CSP without unsafe-inline")
    func securityHeaders() throws {
        let harness = try AdminHarness()
        var (browser, _) = CredentialsPageTests.signedIn(harness)
        for path in ["/admin/login", "/admin/", "/admin/api-credentials", "/admin/nope", "/admin/assets/admin.css"] {
            let response = browser.get(path)
            let csp = try #require(response.headers["Content-Security-Policy"], "\(path)")
            #expect(!csp.contains("unsafe-inline"))
            #expect(csp.contains("frame-ancestors 'none'"))
            #expect(response.headers["X-Frame-Options"] == "DENY")
            #expect(response.headers["X-Content-Type-Options"] == "nosniff")
            #expect(response.headers["Referrer-Policy"] == "same-origin")
        }
        let page = browser.get("/admin/api-credentials").text
        #expect(!page.contains(" style="))
        #expect(!page.contains("<style"))
        #expect(!page.contains(" onclick="))
    }

    @Test("Assets are served with their content type, a content hash ETag and caching")
    func assets() throws {
        let harness = try AdminHarness()
        var browser = harness.browser()
        let page = browser.get("/admin/login").text
        let cssURL = try #require(
            page.firstRange(of: "/admin/assets/admin.css?v=").map {
                String(page[$0.lowerBound...].prefix { $0 != "\"" })
            })
        let css = browser.get(cssURL)
        #expect(css.status == .ok)
        #expect(css.headers["Content-Type"] == "text/css; charset=utf-8")
        #expect(css.headers["Cache-Control"] == "public, max-age=31536000, immutable")
        let etag = try #require(css.headers["ETag"])
        #expect(!css.body.isEmpty)

        let js = browser.get("/admin/assets/admin.js")
        #expect(js.headers["Content-Type"] == "text/javascript; charset=utf-8")
        #expect(js.headers["Cache-Control"] == "no-cache")
        #expect(browser.get("/admin/assets/icons.svg").headers["Content-Type"] == "image/svg+xml")

        let revalidated = browser.get(cssURL, headers: [("If-None-Match", etag)])
        #expect(revalidated.status == .notModified)
        #expect(revalidated.body.isEmpty)
        #expect(browser.get("/admin/assets/nope.js").status == .notFound)
    }
}
