import FoundationEssentials
import KeywardCore
import KeywardHTTP
import KeywardServer
import Testing

@Suite("Admin area: session expiry and disabled admins")
struct SessionTests {
    @Test("A session idle for 30 minutes ends")
    func idleExpiry() throws {
        let harness = try AdminHarness()
        var browser = harness.browser()
        browser.signIn()
        harness.clock.advance(by: 29 * 60)
        #expect(browser.get("/admin/").status == .ok)
        harness.clock.advance(by: 29 * 60)
        #expect(browser.get("/admin/").status == .ok)
        harness.clock.advance(by: 30 * 60 + 1)
        let expired = browser.get("/admin/")
        #expect(expired.status == .seeOther)
        #expect(expired.location == "/admin/login?return=%2Fadmin%2F&notice=session-expired")
        #expect(browser.cookies["keyward_admin"] == nil)
        #expect(browser.get("/admin/login?notice=session-expired").text.contains("Your session expired."))
    }

    @Test("A session ends 12 hours after sign-in however active it is")
    func absoluteExpiry() throws {
        let harness = try AdminHarness()
        var browser = harness.browser()
        browser.signIn()
        for _ in 0..<35 {
            harness.clock.advance(by: 20 * 60)
            #expect(browser.get("/admin/").status == .ok)
        }
        harness.clock.advance(by: 20 * 60 + 1)
        #expect(browser.get("/admin/").status == .seeOther)
    }

    @Test("Lifetimes are configurable")
    func configuredLifetimes() throws {
        let harness = try AdminHarness(configuration: AdminArea.Configuration(idleTimeout: 120, absoluteTimeout: 600))
        var browser = harness.browser()
        browser.signIn()
        harness.clock.advance(by: 121)
        #expect(browser.get("/admin/").status == .seeOther)
    }

    @Test("Disabling an admin ends its sessions at once")
    func disabledAdmin() throws {
        let harness = try AdminHarness()
        let operatorAdmin = try harness.admin("operator", permissions: [.manageAPICredentials])
        var other = harness.browser(ip: "127.0.0.2")
        other.signIn("operator")
        #expect(other.get("/admin/api-credentials").status == .ok)

        var admin = harness.browser()
        admin.signIn()
        let token = admin.csrfToken()
        let response = admin.post("/admin/admins/\(operatorAdmin.id)/disable", [("csrf_token", token)])
        #expect(response.status == .seeOther)
        #expect(other.get("/admin/api-credentials").status == .seeOther)
        #expect(other.signIn("operator").status == .forbidden)
    }

    @Test("A session of an admin disabled behind the area's back (the CLI) ends too")
    func disabledElsewhere() throws {
        let harness = try AdminHarness()
        let operatorAdmin = try harness.admin("operator", permissions: [.manageAPICredentials])
        var other = harness.browser()
        other.signIn("operator")
        // Disable in the store without deleting sessions, as a stale node might see it.
        try harness.store.write { tx in
            var admin = try #require(try tx.admin(id: operatorAdmin.id))
            admin.isDisabled = true
            try tx.updateAdmin(admin)
            try tx.appendChange(.admin, id: admin.id)
        }
        try harness.index.catchUp(from: harness.store)
        #expect(other.get("/admin/").status == .seeOther)
    }

    @Test("Changing one's own password keeps this browser signed in and ends other sessions")
    func ownPassword() throws {
        let harness = try AdminHarness()
        var laptop = harness.browser()
        laptop.signIn()
        var phone = harness.browser(ip: "127.0.0.3")
        phone.signIn()
        let token = laptop.csrfToken()
        let wrong = laptop.post(
            "/admin/account/password",
            [
                ("csrf_token", token), ("current_password", "nope"), ("new_password", "new password 1"),
                ("confirm_password", "new password 1"),
            ]
        )
        #expect(wrong.status == .unprocessableContent)
        #expect(wrong.text.contains("Your current password is not correct."))
        let changed = laptop.post(
            "/admin/account/password",
            [
                ("csrf_token", token), ("current_password", AdminHarness.password), ("new_password", "new password 1"),
                ("confirm_password", "new password 1"),
            ]
        )
        #expect(changed.status == .seeOther)
        #expect(laptop.get("/admin/").status == .ok)
        #expect(phone.get("/admin/").status == .seeOther)
        #expect(try harness.management.verifySignIn(username: "admin", password: "new password 1") != nil)
    }
}
