import FoundationEssentials
import KeywardCore
import KeywardSupport

/// The markup of the Security Settings page: the API IP allowlist, the API access key, legacy
/// logins, bans and rate limits, and the IPs banned from signing in.
struct SecurityView: Sendable {
    let env: AdminEnvironment

    private var paths: AdminPaths { env.paths }
    private var layout: Layout { env.layout }
    private var base: String { paths.path(AdminSection.security.path) }

    /// What the page shows.
    struct Model: Sendable {
        var settings: SecuritySettings
        var allowlist: [AllowlistEntry]
        var banned: [(IPAddress, Double)]
    }

    /// Values typed into the allowlist form, after an error.
    struct AllowlistInput: Sendable {
        var network = ""
        var note = ""
        var error: String?
    }

    /// The page; each form shows its own error.
    func page(
        _ model: Model,
        request: AdminRequest,
        settingsError: String? = nil,
        settingsOverride: SecuritySettings? = nil,
        exemptionsText: String? = nil,
        allowlist input: AllowlistInput = AllowlistInput(),
        accessKeyError: String? = nil
    ) -> Page {
        let csrf = request.session.csrfToken
        let hasError = settingsError != nil || input.error != nil || accessKeyError != nil
        return Page(
            title: AdminSection.security.title,
            section: .security,
            breadcrumbs: Page.trail(.security, paths: paths),
            notice: Notice.named(request.query["notice"]),
            content: """
                <div class="stack">
                \(allowlistPanel(model.allowlist, input: input, csrf: csrf))
                \(accessKeyPanel(model.settings, error: accessKeyError, csrf: csrf))
                \(settingsPanel(settingsOverride ?? model.settings, exemptionsText: exemptionsText, error: settingsError, csrf: csrf))
                \(bansPanel(model.banned, csrf: csrf))
                </div>
                """,
            status: hasError ? .unprocessableContent : .ok
        )
    }

    private func allowlistPanel(_ entries: [AllowlistEntry], input: AllowlistInput, csrf: String) -> HTML {
        let rows: [HTML] =
            entries.isEmpty
            ? [
                """
                <tr class="empty-row"><td colspan="4">The allowlist is empty: no IP address may use the API \
                (unless it sends the API access key).</td></tr>
                """
            ]
            : entries.map { entry in
                let note: HTML = entry.note.isEmpty ? "<span class=\"muted\">None</span>" : "\(entry.note)"
                return """
                    <tr>
                    <td data-label="IP Address or Range"><code>\(entry.network)</code></td>
                    <td data-label="Note">\(note)</td>
                    <td data-label="Added">\(CredentialsView.time(entry.createdAt))</td>
                    <td class="actions">
                    <form method="post" action="\(base)/allowlist/\(entry.id)/delete" data-confirm-form \
                    data-confirm-title="Remove from Allowlist" \
                    data-confirm-message="Remove \(entry.network) from the API IP allowlist? Requests from it will be refused." \
                    data-confirm-button="Remove">\(CSRFCheck.field(csrf))
                    <button type="submit" class="btn-icon btn-icon-danger" title="Remove" \
                    aria-label="Remove \(entry.network) from the allowlist">\(layout.icon(.trash))</button>
                    </form>
                    </td>
                    </tr>
                    """
            }
        return """
            <section class="panel" id="allowlist" aria-labelledby="allowlist-title">
            <h2 class="panel-title" id="allowlist-title">API IP Allowlist</h2>
            <p class="help">Only these IP addresses and ranges may call the API. Requests from anywhere else are \
            refused with “Invalid IP”, unless they send the API access key.</p>
            <div class="table-wrap">
            <table class="table responsive-table">
            <caption class="visually-hidden">API IP allowlist</caption>
            <thead><tr><th scope="col">IP Address or Range</th><th scope="col">Note</th><th scope="col">Added</th>\
            <th scope="col" class="actions-col"><span class="visually-hidden">Actions</span></th></tr></thead>
            <tbody>\(rows)</tbody>
            </table>
            </div>
            <form method="post" action="\(base)/allowlist" class="inline-form">
            \(CSRFCheck.field(csrf))
            \(FormFields.error(input.error, sprite: layout.sprite))
            \(FormFields.text(id: "allowlist-network", name: "network", label: "IP Address or CIDR Range", value: input.network, required: true, maxLength: 64, extra: " placeholder=\"203.0.113.7 or 2001:db8::/32\""))
            \(FormFields.text(id: "allowlist-note", name: "note", label: "Note", value: input.note, maxLength: 255))
            <div class="form-actions"><button type="submit" class="btn btn-primary">\(layout.icon(.plus))<span>Add</span></button></div>
            </form>
            </section>
            """
    }

    private func accessKeyPanel(_ settings: SecuritySettings, error: String?, csrf: String) -> HTML {
        let status: HTML =
            settings.hasAccessKey
            ? """
            <p class="status-line"><span class="badge badge-success">Set</span> An API access key is configured. It is stored only as a \
            hash and cannot be displayed.</p>
            """
            : "<p class=\"status-line\"><span class=\"badge badge-muted\">Not set</span> No API access key is configured.</p>"
        let remove: HTML =
            settings.hasAccessKey
            ? """
            <form method="post" action="\(base)/access-key/remove" data-confirm-form data-confirm-title="Remove API Access Key" \
            data-confirm-message="Remove the API access key? Clients outside the allowlist that rely on it will be refused." \
            data-confirm-button="Remove Access Key">\(CSRFCheck.field(csrf))
            <button type="submit" class="btn btn-default">Remove Access Key</button></form>
            """ : .empty
        return """
            <section class="panel" id="access-key-panel" aria-labelledby="access-key-title">
            <h2 class="panel-title" id="access-key-title">API Access Key</h2>
            <p class="help">A request that sends this key as <code>accesskey</code> may call the API from an IP address \
            outside the allowlist. It still needs valid credentials. The key must be 8 to 255 characters.</p>
            \(status)
            <form method="post" action="\(base)/access-key" class="inline-form">
            \(CSRFCheck.field(csrf))
            \(FormFields.error(error, sprite: layout.sprite))
            \(FormFields.text(id: "access-key", name: "access_key", label: settings.hasAccessKey ? "New Access Key" : "Access Key", type: "password", required: true, maxLength: 255, autocomplete: "new-password"))
            <div class="form-actions"><button type="submit" class="btn btn-primary">Set Access Key</button></div>
            </form>
            \(remove)
            </section>
            """
    }

    private func settingsPanel(_ settings: SecuritySettings, exemptionsText: String?, error: String?, csrf: String)
        -> HTML
    {
        let exemptions = exemptionsText ?? settings.banExemptions.joined(separator: "\n")
        return """
            <form method="post" action="\(base)/settings" class="panel form-stack" id="settings" aria-labelledby="settings-title">
            <h2 class="panel-title" id="settings-title">Authentication, Bans and Rate Limits</h2>
            \(CSRFCheck.field(csrf))
            \(FormFields.error(error, sprite: layout.sprite))
            <fieldset class="fieldset">
            <legend>Legacy Authentication</legend>
            \(FormFields.checkbox(id: "legacy-login", name: "legacy_login", value: "1", label: "Allow API authentication with an admin's username and password", checked: settings.legacyLoginEnabled, detail: "Deprecated: kept for backwards compatibility. Every use is recorded in the activity log. API credentials are recommended."))
            </fieldset>
            <fieldset class="fieldset">
            <legend>Bans</legend>
            <div class="grid-3">
            \(FormFields.text(id: "signin-ban-threshold", name: "signin_ban_threshold", label: "Failed sign-ins before a ban", value: String(settings.signInBanThreshold), type: "number", required: true, extra: " min=\"1\" max=\"1000000\""))
            \(FormFields.text(id: "api-ban-threshold", name: "api_ban_threshold", label: "Failed API authentications before a ban", value: String(settings.apiBanThreshold), type: "number", required: true, extra: " min=\"1\" max=\"1000000\""))
            \(FormFields.text(id: "ban-minutes", name: "ban_minutes", label: "Ban duration (minutes)", value: Self.minutes(settings.banSeconds), type: "number", required: true, extra: " min=\"0.1\" max=\"525600\" step=\"any\""))
            </div>
            \(FormFields.textArea(id: "ban-exemptions", name: "ban_exemptions", label: "Never ban these IP addresses or ranges", value: exemptions, help: "One IP address or CIDR range per line.", rows: 3))
            </fieldset>
            <fieldset class="fieldset">
            <legend>API Rate Limit</legend>
            <div class="grid-3">
            \(FormFields.text(id: "rate-limit", name: "rate_limit", label: "Requests per second per IP", value: String(settings.rateLimitPerSecond), type: "number", required: true, help: "0 turns the limit off.", extra: " min=\"0\""))
            \(FormFields.text(id: "rate-burst", name: "rate_burst", label: "Burst", value: String(settings.rateLimitBurst), type: "number", required: true, extra: " min=\"1\""))
            </div>
            </fieldset>
            <div class="form-actions"><button type="submit" class="btn btn-primary">Save Changes</button></div>
            </form>
            """
    }

    private func bansPanel(_ banned: [(IPAddress, Double)], csrf: String) -> HTML {
        let rows: [HTML] = banned.sorted { $0.0.description < $1.0.description }.map { address, remaining in
            let minutes = max(1, Int((remaining / 60).rounded(.up)))
            return """
                <tr>
                <td data-label="IP Address"><code>\(address.description)</code></td>
                <td data-label="Remaining">\(minutes) minute\(minutes == 1 ? "" : "s")</td>
                <td class="actions">
                <form method="post" action="\(base)/bans/lift">\(CSRFCheck.field(csrf))
                <input type="hidden" name="ip" value="\(address.description)">
                <button type="submit" class="btn btn-default btn-sm">Lift Ban</button></form>
                </td>
                </tr>
                """
        }
        let content: HTML =
            rows.isEmpty
            ? "<p class=\"muted\">No IP address is banned from signing in.</p>"
            : """
            <div class="table-wrap"><table class="table responsive-table">
            <caption class="visually-hidden">Banned IP addresses</caption>
            <thead><tr><th scope="col">IP Address</th><th scope="col">Remaining</th>\
            <th scope="col" class="actions-col"><span class="visually-hidden">Actions</span></th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """
        return """
            <section class="panel" id="bans" aria-labelledby="bans-title">
            <h2 class="panel-title" id="bans-title">Banned from Signing In</h2>
            \(content)
            </section>
            """
    }

    /// Seconds as minutes, without a fraction when whole.
    static func minutes(_ seconds: Int) -> String {
        seconds % 60 == 0 ? String(seconds / 60) : String(Double(seconds) / 60)
    }
}
