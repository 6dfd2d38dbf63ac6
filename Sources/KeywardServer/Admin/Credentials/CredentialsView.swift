import FoundationEssentials
import KeywardCore

/// The markup of the Manage API Credentials page's API Credentials tab and its dialogs.
///
/// Labels follow WHMCS's page exactly: "Generate New API Credential", "Generate", "Identifier",
/// "Secret", "Credential Management", "Delete Credentials", "None provided".
struct CredentialsView: Sendable {
    let env: AdminEnvironment

    private var paths: AdminPaths { env.paths }
    private var layout: Layout { env.layout }
    private var base: String { paths.path(AdminSection.credentials.path) }

    /// The two tabs of the page, as links so that each has its own URL.
    static func tabs(active: Int, paths: AdminPaths) -> HTML {
        let base = paths.path(AdminSection.credentials.path)
        let tabs = [("API Credentials", base), ("API Roles", base + "/roles")]
        let links: [HTML] = tabs.enumerated().map { offset, tab in
            let current: HTML = offset == active ? " aria-current=\"page\" class=\"tab active\"" : " class=\"tab\""
            return "<a href=\"\(tab.1)\"\(current)>\(tab.0)</a>"
        }
        return "<nav class=\"tabs\" aria-label=\"Manage API Credentials\">\(links)</nav>"
    }

    // MARK: The list

    /// The page with the tabs, the intro and the table.
    func listPage(_ result: CredentialPage, state: CredentialTableState, request: AdminRequest) -> Page {
        let here = paths.path(AdminSection.credentials.path, query: state.parameters)
        let generate = paths.path(AdminSection.credentials.path + "/new", query: [("return", here)])
        return Page(
            title: AdminSection.credentials.title,
            section: .credentials,
            breadcrumbs: Page.trail(.credentials, paths: paths),
            actions: """
                <a class="btn btn-primary" href="\(generate)" data-dialog data-dialog-size="md">\
                \(layout.icon(.plus))<span>Generate New API Credential</span></a>
                """,
            notice: Notice.named(request.query["notice"]),
            content: """
                \(Self.tabs(active: 0, paths: paths))
                <div class="panel tab-panel">
                <p class="intro">API credentials authenticate API requests to \
                <code>\(env.configuration.apiPath)</code> as the admin they belong to, limited to the actions \
                their API roles allow. Send the Identifier and Secret as <code>identifier</code> and \
                <code>secret</code>.</p>
                \(table(result, state: state, now: request.now))
                </div>
                """
        )
    }

    /// The table with its toolbar and footer: the part the script reloads.
    func table(_ result: CredentialPage, state: CredentialTableState, now: Date) -> HTML {
        let here = paths.path(AdminSection.credentials.path, query: state.parameters)
        let lengthOptions: [HTML] = CredentialTableState.pageSizes.map { size in
            "<option value=\"\(size)\"\(size == state.length ? " selected" : "")>\(size)</option>"
        }
        let hidden: [HTML] = [("sort", state.parameters[1].1), ("order", state.parameters[2].1)].compactMap {
            $0.1.isEmpty ? nil : "<input type=\"hidden\" name=\"\($0.0)\" value=\"\($0.1)\">"
        }
        let columns: [(String, CredentialQuery.SortKey)] = [
            ("Identifier", .identifier), ("Description", .description), ("Admin", .admin), ("Roles", .roles),
            ("Created", .created), ("Last Access", .lastAccess),
        ]
        let headers: [HTML] = columns.map { title, key in
            let isSorted = state.sort == key
            let ariaSort = isSorted ? (state.ascending ? "ascending" : "descending") : "none"
            let icon: Icon = isSorted ? (state.ascending ? .sortUp : .sortDown) : .sort
            let link = paths.path(AdminSection.credentials.path, query: state.sorted(by: key).parameters)
            return """
                <th scope="col" aria-sort="\(ariaSort)"><a class="sort-link\(isSorted ? " sorted" : "")" \
                href="\(link)" data-table-link>\(title)\(layout.icon(icon, classes: "icon sort-icon"))</a></th>
                """
        }
        let rows: [HTML] =
            result.rows.isEmpty
            ? [
                """
                <tr class="empty-row"><td colspan="7">\(state.search.isEmpty
                    ? "No API credentials yet. Use Generate New API Credential to create one."
                    : "No matching API credentials found.")</td></tr>
                """
            ]
            : result.rows.map { row($0, returnTo: here, now: now) }
        let first = result.matching == 0 ? 0 : (state.page - 1) * state.length + 1
        let last = (state.page - 1) * state.length + result.rows.count
        let filtered =
            state.search.isEmpty || result.matching == result.total
            ? "" : " (filtered from \(Self.number(result.total)) total entries)"
        let info =
            "Showing \(Self.number(first)) to \(Self.number(last)) of \(Self.number(result.matching)) entries\(filtered)"
        let pageCount = state.pageCount(matching: result.matching)
        let pagination = Pagination.render(current: state.page, count: pageCount, label: "API credentials pages") {
            paths.path(AdminSection.credentials.path, query: state.onPage($0).parameters)
        }
        return """
            <div class="datatable" id="credentials-table" data-table data-table-url="\(base)">
            <form class="table-toolbar" method="get" action="\(base)" role="search" data-table-form>
            \(hidden)
            <div class="toolbar-length"><label for="table-length">Show</label>
            <select id="table-length" name="length" data-table-length>\(lengthOptions)</select>
            <span aria-hidden="true">entries</span></div>
            <div class="toolbar-search"><label for="table-search" class="visually-hidden">Search API credentials</label>
            <span class="search-box">\(layout.icon(.search))<input id="table-search" type="search" name="search" \
            value="\(state.search)" placeholder="Search" autocomplete="off" maxlength="\(CredentialTableState.maxSearchLength)" \
            data-table-search></span>
            <button type="submit" class="btn btn-default" data-table-submit>Search</button></div>
            </form>
            <div class="table-wrap">
            <table class="table responsive-table">
            <caption class="visually-hidden">API credentials, sorted by \(columns.first { $0.1 == state.sort }?.0 ?? "Created") \
            \(state.ascending ? "ascending" : "descending")</caption>
            <thead><tr>\(headers)<th scope="col" class="actions-col"><span class="visually-hidden">Actions</span></th></tr></thead>
            <tbody>\(rows)</tbody>
            </table>
            </div>
            <div class="table-footer">
            <p class="table-info" role="status" aria-live="polite">\(info)</p>
            \(pageCount > 1 ? pagination : .empty)
            </div>
            </div>
            """
    }

    /// One row of the table.
    func row(_ listing: CredentialListing, returnTo: String, now: Date) -> HTML {
        let credential = listing.credential
        let edit = paths.path(AdminSection.credentials.path + "/\(credential.id)/edit", query: [("return", returnTo)])
        let delete = paths.path(
            AdminSection.credentials.path + "/\(credential.id)/delete", query: [("return", returnTo)])
        let roles = listing.roleNames.isEmpty ? "None" : listing.roleNames.joined(separator: ", ")
        let rolesCell: HTML = listing.roleNames.isEmpty ? "<span class=\"muted\">None</span>" : "\(roles)"
        return """
            <tr data-credential-id="\(credential.id)">
            <td data-label="Identifier"><code class="identifier">\(credential.identifier)</code></td>
            <td data-label="Description" class="description-cell">\(descriptionCell(credential, returnTo: returnTo))</td>
            <td data-label="Admin">\(listing.adminDisplayName)</td>
            <td data-label="Roles">\(rolesCell)</td>
            <td data-label="Created">\(Self.time(credential.createdAt))</td>
            <td data-label="Last Access">\(Self.lastAccess(credential, now: now))</td>
            <td class="actions">
            <a class="btn-icon" href="\(edit)" data-dialog data-dialog-size="md" title="Edit" \
            aria-label="Edit API credential \(credential.identifier)">\(layout.icon(.pencil))</a>
            <a class="btn-icon btn-icon-danger" href="\(delete)" title="Delete" \
            aria-label="Delete API credential \(credential.identifier)" data-confirm \
            data-confirm-action="\(paths.path(AdminSection.credentials.path + "/\(credential.id)/delete"))" \
            data-confirm-title="Delete API Credential" \
            data-confirm-message="Are you sure you want to delete the API credential \(credential.identifier)? \
            Requests that use it will fail at once. This cannot be undone." \
            data-confirm-button="Delete Credentials">\(layout.icon(.trash))</a>
            </td>
            </tr>
            """
    }

    /// The description as a control that opens the inline editor (with the script) or the
    /// Credential Management page (without it).
    func descriptionCell(_ credential: APICredential, returnTo: String) -> HTML {
        let edit = paths.path(AdminSection.credentials.path + "/\(credential.id)/edit", query: [("return", returnTo)])
        let text: HTML =
            credential.description.isEmpty
            ? "<span class=\"muted\">None provided</span>"
            : "<span class=\"description-text\">\(credential.description)</span>"
        return """
            <a class="inline-edit" href="\(edit)" data-inline-edit \
            data-action="\(paths.path(AdminSection.credentials.path + "/\(credential.id)/description"))" \
            data-value="\(credential.description)" data-label="Description of \(credential.identifier)" \
            title="Click to edit the description">\(text)\(layout.icon(.pencil, classes: "icon inline-edit-icon"))</a>
            """
    }

    // MARK: Dialogs

    /// The Generate New API Credential form.
    func generateForm(
        admins: [Admin],
        roles: [APIRole],
        adminID: String = "",
        description: String = "",
        roleIDs: Set<Int64> = [],
        returnTo: String?,
        csrf: String,
        error: String? = nil
    ) -> Page {
        let options = admins.filter { !$0.isDisabled }.map { (value: String($0.id), label: $0.displayName) }
        let noRoles: HTML =
            roles.isEmpty
            ? Notice(
                .warning,
                "At least one API role must exist before credentials can be generated. Create one on the API Roles tab."
            ).render(spriteURL: layout.sprite) : .empty
        return Page(
            title: "Generate New API Credential",
            section: .credentials,
            breadcrumbs: Page.trail(
                .credentials, paths: paths, extra: [Page.Breadcrumb("Generate New API Credential")]),
            content: """
                <form method="post" action="\(base)" class="form-stack panel-form" data-dialog-form>
                \(CSRFCheck.field(csrf))
                \(FormFields.returnField(returnTo))
                \(FormFields.error(error, sprite: layout.sprite))
                \(noRoles)
                <p class="help">Select the admin the new credential authenticates as. You may optionally provide a \
                description for contextual reference.</p>
                \(FormFields.select(id: "generate-admin", name: "admin_id", label: "Admin", options: options, selected: adminID, placeholder: "Select an admin", required: true))
                \(FormFields.text(id: "generate-description", name: "description", label: "Description", value: description, maxLength: 255))
                \(rolesFieldset(roles, selected: roleIDs, idPrefix: "generate-role"))
                <div class="form-actions">
                <button type="submit" class="btn btn-primary">Generate</button>
                </div>
                </form>
                """,
            status: error == nil ? .ok : .unprocessableContent
        )
    }

    /// The dialog after Generate: the Identifier and the Secret with copy buttons, and the warning.
    func generated(_ generated: GeneratedCredential, admin: Admin, returnTo: String?) -> Page {
        let back = paths.safeReturn(returnTo, fallback: base)
        return Page(
            title: "Generate New API Credential",
            section: .credentials,
            breadcrumbs: Page.trail(
                .credentials, paths: paths, extra: [Page.Breadcrumb("Generate New API Credential")]),
            content: """
                <div class="generated" data-reload-on-close>
                <p>A new API credential was generated for <strong>\(admin.displayName)</strong>. Use the Identifier \
                and Secret in place of the admin's username and password for API authentication.</p>
                \(copyField(id: "generated-identifier", label: "Identifier", value: generated.credential.identifier))
                \(copyField(id: "generated-secret", label: "Secret", value: generated.secret))
                <div class="alert alert-warning" role="alert">\(layout.icon(.alert))<p><strong>You must copy the Secret \
                value.</strong> It will not be available at a later time due to cryptographic security. If you fail to \
                copy this value, a new credential pair will need to be generated.</p></div>
                <p class="no-script"><a class="btn btn-default" href="\(back)">Back to API Credentials</a></p>
                </div>
                """
        )
    }

    /// A read-only value with a copy button to its right.
    private func copyField(id: String, label: String, value: String) -> HTML {
        """
        <div class="field">
        <label for="\(id)">\(label)</label>
        <div class="copy-group">
        <input id="\(id)" class="mono" type="text" readonly value="\(value)" spellcheck="false">
        <button type="button" class="btn btn-default btn-copy" data-copy="\(id)" aria-label="Copy \(label)" title="Copy">\
        \(layout.icon(.copy))<span class="copy-label">Copy</span></button>
        </div>
        </div>
        """
    }

    /// The Credential Management dialog: description and API roles.
    func editForm(
        _ credential: APICredential,
        admin: Admin?,
        roles: [APIRole],
        description: String? = nil,
        roleIDs: Set<Int64>? = nil,
        returnTo: String?,
        csrf: String,
        error: String? = nil
    ) -> Page {
        let adminText = admin?.displayName ?? "Unknown admin"
        return Page(
            title: "Credential Management",
            section: .credentials,
            breadcrumbs: Page.trail(.credentials, paths: paths, extra: [Page.Breadcrumb("Credential Management")]),
            content: """
                <form method="post" action="\(base)/\(credential.id)" class="form-stack panel-form" data-dialog-form>
                \(CSRFCheck.field(csrf))
                \(FormFields.returnField(returnTo))
                \(FormFields.error(error, sprite: layout.sprite))
                <dl class="details">
                <div><dt>Identifier</dt><dd><code class="identifier">\(credential.identifier)</code></dd></div>
                <div><dt>Admin</dt><dd>\(adminText)</dd></div>
                </dl>
                \(FormFields.text(id: "edit-description", name: "description", label: "Description", value: description ?? credential.description, maxLength: 255))
                \(rolesFieldset(roles, selected: roleIDs ?? Set(credential.roleIDs), idPrefix: "edit-role"))
                <div class="form-actions">
                <button type="submit" class="btn btn-primary">Save Changes</button>
                </div>
                </form>
                """,
            status: error == nil ? .ok : .unprocessableContent
        )
    }

    /// The delete confirmation, as a page (the script shows the same in a dialog).
    func deleteConfirmation(_ credential: APICredential, returnTo: String?, csrf: String) -> Page {
        Page(
            title: "Delete API Credential",
            section: .credentials,
            breadcrumbs: Page.trail(.credentials, paths: paths, extra: [Page.Breadcrumb("Delete API Credential")]),
            content: """
                <form method="post" action="\(base)/\(credential.id)/delete" class="panel confirm-panel">
                \(CSRFCheck.field(csrf))
                \(FormFields.returnField(returnTo))
                <p>Are you sure you want to delete the API credential <code class="identifier">\(credential.identifier)</code>? \
                Requests that use it will fail at once. This cannot be undone.</p>
                <div class="form-actions">
                <a class="btn btn-default" href="\(paths.safeReturn(returnTo, fallback: base))">Cancel</a>
                <button type="submit" class="btn btn-danger">Delete Credentials</button>
                </div>
                </form>
                """
        )
    }

    /// The API Roles checkboxes.
    private func rolesFieldset(_ roles: [APIRole], selected: Set<Int64>, idPrefix: String) -> HTML {
        let boxes: [HTML] = roles.map { role in
            FormFields.checkbox(
                id: "\(idPrefix)-\(role.id)",
                name: "role_ids",
                value: String(role.id),
                label: role.name,
                checked: selected.contains(role.id),
                detail: role.description.isEmpty ? nil : role.description
            )
        }
        let content: HTML =
            roles.isEmpty
            ? "<p class=\"muted\">No API roles exist yet.</p>" : "<div class=\"check-list\">\(boxes)</div>"
        return "<fieldset class=\"fieldset\"><legend>API Roles</legend>\(content)</fieldset>"
    }

    // MARK: Formatting

    /// A time as `2026-12-04 16:18:28` (UTC), in a `<time>` element.
    static func time(_ date: Date) -> HTML {
        "<time datetime=\"\(TimeFormat.iso8601(date))\" title=\"\(TimeFormat.dateTime(date)) UTC\">\(TimeFormat.dateTime(date))</time>"
    }

    /// "Never", or "5 minutes ago" with the exact time and IP on hover.
    static func lastAccess(_ credential: APICredential, now: Date) -> HTML {
        guard let time = credential.lastAccessAt else { return "<span class=\"muted\">Never</span>" }
        let from = credential.lastAccessIP.map { " from \($0)" } ?? ""
        return """
            <time datetime="\(TimeFormat.iso8601(time))" title="\(TimeFormat.dateTime(time)) UTC\(from)">\
            \(TimeFormat.relative(time, now: now))</time>
            """
    }

    /// A count with thousands separators: `100,000`.
    static func number(_ value: Int) -> String {
        let digits = Array(String(value))
        var out = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }
}
