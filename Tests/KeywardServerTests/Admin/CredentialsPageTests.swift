import FoundationEssentials
import KeywardCore
import KeywardHTTP
import KeywardServer
import KeywardTestSupport
import Testing

@Suite("Admin area: Manage API Credentials")
struct CredentialsPageTests {
    /// A signed-in full administrator and its CSRF token.
    static func signedIn(_ harness: AdminHarness) -> (Browser, String) {
        var browser = harness.browser()
        browser.signIn()
        let token = browser.csrfToken()
        return (browser, token)
    }

    @Test("The table shows every column as the seed page describes")
    func columns() throws {
        let harness = try AdminHarness()
        let role = try harness.role("Billing")
        let second = try harness.role("Support")
        let described = try harness.management.generateCredential(
            adminID: 1,
            description: "Billing sync",
            roleIDs: [role.id, second.id],
            context: .system
        )
        harness.clock.advance(by: 60)
        _ = try harness.management.generateCredential(adminID: 1, roleIDs: [], context: .system)
        try harness.store.write { tx in
            try tx.recordLastAccess([
                LastAccess(
                    credentialID: described.credential.id, time: Fixtures.epoch.addingTimeInterval(-240),
                    ip: "192.0.2.1")
            ])
        }
        harness.clock.advance(by: 60)
        var (browser, _) = Self.signedIn(harness)
        let page = browser.get("/admin/api-credentials")
        #expect(page.status == .ok)
        let html = page.text
        for header in ["Identifier", "Description", "Admin", "Roles", "Created", "Last Access"] {
            #expect(html.contains(">\(header)<svg"), "\(header)")
        }
        #expect(html.contains(described.credential.identifier))
        #expect(html.contains("Billing sync"))
        #expect(html.contains("None provided"))
        #expect(html.contains("Ada Lovelace (admin)"))
        #expect(html.contains("Billing, Support"))
        #expect(html.contains(">None</span>"))
        #expect(html.contains(">Never</span>"))
        #expect(html.contains("title=\"2025-12-31 23:56:00 UTC from 192.0.2.1\">6 minutes ago</time>"))
        #expect(html.contains("2026-01-01 00:00:00"))
        #expect(html.contains("Showing 1 to 2 of 2 entries"))
        #expect(html.contains("Generate New API Credential"))
        #expect(html.contains("data-confirm-button=\"Delete Credentials\""))
    }

    @Test("A description of <script>alert(1)</script> shows as text")
    func escaping() throws {
        let harness = try AdminHarness()
        let role = try harness.role("<b>role</b>")
        _ = try harness.management.generateCredential(
            adminID: 1,
            description: "<script>alert(1)</script>",
            roleIDs: [role.id],
            context: .system
        )
        var (browser, _) = Self.signedIn(harness)
        let html = browser.get("/admin/api-credentials").text
        #expect(!html.contains("<script>alert(1)</script>"))
        #expect(!html.contains("<b>role</b>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("data-value=\"&lt;script&gt;alert(1)&lt;/script&gt;\""))
        #expect(html.contains("&lt;b&gt;role&lt;/b&gt;"))
        // The only scripts are Keyward's own file.
        #expect(html.ranges(of: "<script").count == 1)
    }

    @Test("Search, sort and paging run on the server and keep their state in the URL")
    func searchSortPaging() throws {
        let harness = try AdminHarness()
        let role = try harness.role()
        for number in 1...63 {
            harness.clock.advance(by: 1)
            _ = try harness.management.generateCredential(
                adminID: 1,
                description: "Integration " + (number < 10 ? "0" : "") + String(number),
                roleIDs: number.isMultiple(of: 2) ? [role.id] : [],
                context: .system
            )
        }
        var (browser, _) = Self.signedIn(harness)
        let first = browser.get("/admin/api-credentials").text
        #expect(first.contains("Showing 1 to 10 of 63 entries"))
        #expect(first.contains("Integration 63"))
        #expect(!first.contains("Integration 53"))

        let last = browser.get("/admin/api-credentials?length=25&page=3").text
        #expect(last.contains("Showing 51 to 63 of 63 entries"))
        #expect(last.contains("aria-current=\"page\" data-page=\"3\""))

        let ascending = browser.get("/admin/api-credentials?sort=description&order=asc").text
        let firstRow = try #require(ascending.range(of: "Integration 01"))
        let secondRow = try #require(ascending.range(of: "Integration 02"))
        #expect(firstRow.lowerBound < secondRow.lowerBound)
        #expect(ascending.contains("aria-sort=\"ascending\""))

        let searched = browser.get("/admin/api-credentials?search=integration+6").text
        #expect(searched.contains("Showing 1 to 4 of 4 entries (filtered from 63 total entries)"))

        // A page past the end shows the last page.
        #expect(browser.get("/admin/api-credentials?page=99").text.contains("Showing 61 to 63 of 63 entries"))

        // The script's table fragment is the table alone.
        let fragment = browser.get("/admin/api-credentials?page=2", headers: [("X-Keyward-Fragment", "table")])
        #expect(fragment.text.hasPrefix("<div class=\"datatable\""))
        #expect(fragment.text.contains("Showing 11 to 20 of 63 entries"))
    }

    @Test("Generate shows the identifier and secret once; the secret authenticates at once")
    func generate() throws {
        let harness = try AdminHarness()
        let role = try harness.role()
        var (browser, token) = Self.signedIn(harness)

        let form = browser.get("/admin/api-credentials/new", headers: [("X-Keyward-Fragment", "1")])
        #expect(form.text.hasPrefix("<div class=\"fragment\" data-title=\"Generate New API Credential\">"))
        #expect(form.text.contains(">Generate</button>"))

        let missingAdmin = browser.post("/admin/api-credentials", [("csrf_token", token), ("admin_id", "")])
        #expect(missingAdmin.status == .unprocessableContent)
        #expect(missingAdmin.text.contains("Select the admin the credential is for."))

        let response = browser.post(
            "/admin/api-credentials",
            [("csrf_token", token), ("admin_id", "1"), ("description", "CI deploys"), ("role_ids", String(role.id))]
        )
        #expect(response.status == .ok)
        let html = response.text
        let identifier = try #require(Browser.inputValue("generated-identifier", in: html))
        let secret = try #require(Browser.inputValue("generated-secret", in: html))
        #expect(html.contains("It will not be available at a later time due to cryptographic security."))
        #expect(html.contains("data-copy=\"generated-secret\""))
        #expect(response.headers["Cache-Control"] == "no-store")

        let check = harness.index.check(
            identifier: identifier, presented: .secret(Substring(secret)), action: "getadmindetails")
        #expect(check.principal?.adminID == 1)
        #expect(check.allowed)
        #expect(browser.get("/admin/api-credentials").text.contains(identifier))
        #expect(!browser.get("/admin/api-credentials").text.contains(secret))
    }

    @Test("Inline edit saves the description and answers the new cell")
    func inlineEdit() throws {
        let harness = try AdminHarness()
        let role = try harness.role()
        let generated = try harness.management.generateCredential(adminID: 1, roleIDs: [role.id], context: .system)
        var (browser, token) = Self.signedIn(harness)
        let id = generated.credential.id
        let response = browser.post(
            "/admin/api-credentials/\(id)/description",
            [("description", "Nightly <sync>"), ("return", "/admin/api-credentials?page=1")],
            headers: [("X-CSRF-Token", token), ("X-Keyward-Fragment", "1")]
        )
        #expect(response.status == .ok)
        #expect(response.text.hasPrefix("<a class=\"inline-edit\""))
        #expect(response.text.contains("Nightly &lt;sync&gt;"))
        #expect(
            try harness.management.credentials(matching: CredentialQuery()).rows[0].credential.description
                == "Nightly <sync>")

        let tooLong = browser.post(
            "/admin/api-credentials/\(id)/description",
            [("description", String(repeating: "x", count: 300))],
            headers: [("X-CSRF-Token", token), ("X-Keyward-Fragment", "1")]
        )
        #expect(tooLong.status == .unprocessableContent)
        #expect(tooLong.text == "The description is longer than 255 characters")

        // Without the script, the same post goes back to the list.
        let plain = browser.post(
            "/admin/api-credentials/\(id)/description",
            [("csrf_token", token), ("description", "Plain"), ("return", "/admin/api-credentials?search=x")]
        )
        #expect(plain.status == .seeOther)
        #expect(plain.location == "/admin/api-credentials?search=x&notice=credential-updated")
    }

    @Test("The Credential Management dialog changes description and roles, and the API sees it at once")
    func editRoles() throws {
        let harness = try AdminHarness()
        let reader = try harness.role("Reader", actions: ["GetAdminDetails"])
        let lister = try harness.role("Lister", actions: ["GetAdminUsers"])
        let generated = try harness.management.generateCredential(adminID: 1, roleIDs: [reader.id], context: .system)
        let identifier = generated.credential.identifier
        let secret = Substring(generated.secret)
        #expect(
            harness.index.check(identifier: identifier, presented: .secret(secret), action: "getadminusers").allowed
                == false)

        var (browser, token) = Self.signedIn(harness)
        let dialog = browser.get(
            "/admin/api-credentials/\(generated.credential.id)/edit", headers: [("X-Keyward-Fragment", "1")])
        #expect(dialog.text.contains("data-title=\"Credential Management\""))
        #expect(dialog.text.contains("value=\"\(reader.id)\" checked"))

        let response = browser.post(
            "/admin/api-credentials/\(generated.credential.id)",
            [("csrf_token", token), ("description", "Lists admins"), ("role_ids", String(lister.id))],
            headers: [("X-Keyward-Fragment", "1")]
        )
        #expect(response.status == .noContent)
        #expect(response.headers["X-Keyward-Location"] == "/admin/api-credentials?notice=credential-updated")
        #expect(
            harness.index.check(identifier: identifier, presented: .secret(secret), action: "getadminusers").allowed)
        #expect(
            harness.index.check(identifier: identifier, presented: .secret(secret), action: "getadmindetails").allowed
                == false)
    }

    @Test("Delete Credentials removes the credential and it stops authenticating at once")
    func delete() throws {
        let harness = try AdminHarness()
        let role = try harness.role()
        let generated = try harness.management.generateCredential(adminID: 1, roleIDs: [role.id], context: .system)
        var (browser, token) = Self.signedIn(harness)
        let confirmation = browser.get("/admin/api-credentials/\(generated.credential.id)/delete")
        #expect(confirmation.text.contains(">Delete Credentials</button>"))

        let response = browser.post(
            "/admin/api-credentials/\(generated.credential.id)/delete",
            [("csrf_token", token), ("return", "/admin/api-credentials?length=25")]
        )
        #expect(response.status == .seeOther)
        #expect(response.location == "/admin/api-credentials?length=25&notice=credential-deleted")
        let check = harness.index.check(
            identifier: generated.credential.identifier,
            presented: .secret(Substring(generated.secret)),
            action: "getadmindetails"
        )
        #expect(check.principal == nil)
        #expect(browser.get(response.location!).text.contains("The API credential was deleted."))
    }
}

extension Browser {
    /// The value of the input with this id.
    static func inputValue(_ id: String, in html: String) -> String? {
        guard let start = html.range(of: "id=\"\(id)\"") else { return nil }
        let rest = html[start.upperBound...]
        guard let value = rest.range(of: "value=\"") else { return nil }
        return String(rest[value.upperBound...].prefix { $0 != "\"" })
    }
}
