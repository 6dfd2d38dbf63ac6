import KeywardCore
import KeywardHTTP
import KeywardServer
import Testing

@Suite("Admin area: sign-in, sign-out, cookies and bans")
struct SignInTests {
    @Test("A page without a session redirects to the sign-in page and back after")
    func redirectsToSignIn() throws {
        let harness = try AdminHarness()
        var browser = harness.browser()
        let page = browser.get("/admin/api-credentials?search=x")
        #expect(page.status == .seeOther)
        #expect(page.location == "/admin/login?return=%2Fadmin%2Fapi-credentials%3Fsearch%3Dx")

        let signedIn = browser.signIn(returnTo: "/admin/api-credentials?search=x")
        #expect(signedIn.status == .seeOther)
        #expect(signedIn.location == "/admin/api-credentials?search=x")
        #expect(browser.get("/admin/api-credentials").status == .ok)
    }

    @Test("Signing in sets an HttpOnly, SameSite=Strict session cookie for /admin and rotates it")
    func sessionCookie() throws {
        let harness = try AdminHarness()
        var browser = harness.browser()
        let response = browser.signIn()
        #expect(response.status == .seeOther)
        #expect(response.location == "/admin/")
        let cookie = try #require(response.headers.values(for: "Set-Cookie").first { $0.hasPrefix("keyward_admin=") })
        #expect(cookie.contains("; Path=/admin"))
        #expect(cookie.contains("; HttpOnly"))
        #expect(cookie.contains("; SameSite=Strict"))
        #expect(!cookie.contains("; Secure"))
        let first = try #require(browser.cookies["keyward_admin"])
        #expect(browser.get("/admin/").text.contains("Welcome back, Ada Lovelace."))

        // Signing in with a session cookie already set (planted, or left over) issues a new token
        // and ends the old session.
        var fixated = harness.browser()
        let form = fixated.get("/admin/login")
        fixated.cookies["keyward_admin"] = first
        let token = Browser.hiddenField("csrf_token", in: form.text) ?? ""
        _ = fixated.post(
            "/admin/login", [("csrf_token", token), ("username", "admin"), ("password", AdminHarness.password)])
        let second = try #require(fixated.cookies["keyward_admin"])
        #expect(first != second)
        #expect(fixated.get("/admin/").status == .ok)
        #expect(browser.get("/admin/").status == .seeOther)
    }

    @Test("Cookies are Secure behind a trusted TLS proxy and when configured")
    func secureCookies() throws {
        let harness = try AdminHarness()
        var browser = harness.browser(ip: "10.0.0.2")
        let page = browser.send(.get, "/admin/login", headers: [("X-Forwarded-Proto", "https")], trustedProxy: true)
        let token = Browser.hiddenField("csrf_token", in: page.text) ?? ""
        let response = browser.send(
            .post,
            "/admin/login",
            form: [("csrf_token", token), ("username", "admin"), ("password", AdminHarness.password)],
            headers: [("X-Forwarded-Proto", "https")],
            trustedProxy: true
        )
        #expect(response.status == .seeOther)
        #expect(
            response.headers.values(for: "Set-Cookie").contains {
                $0.hasPrefix("keyward_admin=") && $0.contains("; Secure")
            })

        let configured = try AdminHarness(configuration: AdminArea.Configuration(secureCookies: true))
        var other = configured.browser()
        let signedIn = other.signIn()
        #expect(
            signedIn.headers.values(for: "Set-Cookie").contains {
                $0.hasPrefix("keyward_admin=") && $0.contains("; Secure")
            })
    }

    @Test("A wrong password is refused with one message and no session")
    func wrongPassword() throws {
        let harness = try AdminHarness()
        var browser = harness.browser()
        for username in ["admin", "nobody"] {
            let response = browser.signIn(username, password: "wrong password")
            #expect(response.status == .forbidden)
            #expect(response.text.contains("Invalid username or password."))
            #expect(browser.cookies["keyward_admin"] == nil)
            harness.bans.clearFailures(.init("127.0.0.1")!)
        }
    }

    @Test("The sign-in form needs its own token, so another site cannot sign a browser in")
    func signInCSRF() throws {
        let harness = try AdminHarness()
        var browser = harness.browser()
        let response = browser.post(
            "/admin/login",
            [("username", "admin"), ("password", AdminHarness.password)]
        )
        #expect(response.status == .forbidden)
        #expect(browser.cookies["keyward_admin"] == nil)
    }

    @Test("A return address outside the admin area is ignored")
    func openRedirect() throws {
        let harness = try AdminHarness()
        for target in ["//evil.example/admin", "https://evil.example/", "/admin/..//evil", "/adminx", "/\\evil"] {
            var browser = harness.browser()
            let response = browser.signIn(returnTo: target)
            #expect(response.location == "/admin/", "return=\(target)")
        }
    }

    @Test("Signing out needs the CSRF token, ends the session and clears the cookie")
    func signOut() throws {
        let harness = try AdminHarness()
        var browser = harness.browser()
        browser.signIn()
        let token = browser.csrfToken()

        let forged = browser.post("/admin/logout", [])
        #expect(forged.status == .forbidden)
        #expect(browser.get("/admin/").status == .ok)

        let cookie = try #require(browser.cookies["keyward_admin"])
        let response = browser.post("/admin/logout", [("csrf_token", token)])
        #expect(response.status == .seeOther)
        #expect(response.location == "/admin/login?notice=signed-out")
        #expect(
            response.headers.values(for: "Set-Cookie").contains {
                $0.hasPrefix("keyward_admin=;") && $0.contains("Max-Age=0")
            })
        #expect(browser.cookies["keyward_admin"] == nil)

        var replay = harness.browser()
        replay.cookies["keyward_admin"] = cookie
        #expect(replay.get("/admin/").status == .seeOther)
    }

    @Test("Three failed sign-ins ban the IP for the configured time; exempt IPs are never banned")
    func ban() throws {
        let harness = try AdminHarness()
        var browser = harness.browser(ip: "192.0.2.10")
        for attempt in 1...3 {
            let response = browser.signIn(password: "wrong \(attempt)")
            #expect(response.status == .forbidden)
        }
        let banned = browser.signIn()
        #expect(banned.status == .forbidden)
        #expect(banned.text.contains("Too many failed sign-ins"))
        #expect(banned.text.contains("15 more minutes"))
        #expect(banned.headers["Retry-After"] == "900")
        #expect(browser.cookies["keyward_admin"] == nil)
        #expect(browser.get("/admin/login").text.contains("Too many failed sign-ins"))

        // Another IP is not affected; the ban ends after 15 minutes.
        var other = harness.browser(ip: "192.0.2.11")
        #expect(other.signIn().status == .seeOther)
        harness.clock.advance(by: 901)
        #expect(browser.signIn().status == .seeOther)

        // Exemptions.
        try harness.management.updateSecuritySettings(context: .system) { $0.banExemptions = ["198.51.100.0/24"] }
        var exempt = harness.browser(ip: "198.51.100.7")
        for attempt in 1...5 { _ = exempt.signIn(password: "wrong \(attempt)") }
        #expect(exempt.signIn().status == .seeOther)
    }

    @Test("The ban threshold and duration come from the security settings")
    func configuredBan() throws {
        let harness = try AdminHarness()
        try harness.management.updateSecuritySettings(context: .system) {
            $0.signInBanThreshold = 2
            $0.banSeconds = 60
        }
        var browser = harness.browser(ip: "192.0.2.20")
        _ = browser.signIn(password: "wrong")
        let second = browser.signIn(password: "wrong")
        #expect(second.text.contains("Too many failed sign-ins"))
        #expect(second.text.contains("1 more minute"))
        harness.clock.advance(by: 61)
        #expect(browser.signIn().status == .seeOther)
    }

    @Test("Failed and successful sign-ins are in the activity log, without the password")
    func audited() throws {
        let harness = try AdminHarness()
        var browser = harness.browser()
        _ = browser.signIn(password: "not the password")
        browser.signIn()
        let events = try harness.management.auditEvents(matching: AuditQuery(), context: .system).events
        #expect(events.contains { $0.event == "admin.signed_in" && $0.targetLabel == "admin" })
        #expect(events.contains { $0.event == "admin.sign_in_failed" && $0.clientIP == "127.0.0.1" })
        #expect(!events.contains { $0.details.values.contains { $0.contains("not the password") } })
    }
}
