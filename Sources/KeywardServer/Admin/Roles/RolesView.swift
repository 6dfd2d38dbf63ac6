import KeywardCore

/// The markup of the API Roles tab: the roles table, the role editor with its category sidebar,
/// the quick detail view and the delete confirmation.
struct RolesView: Sendable {
    let env: AdminEnvironment

    private var paths: AdminPaths { env.paths }
    private var layout: Layout { env.layout }
    private var base: String { paths.path(AdminSection.credentials.path + "/roles") }

    /// One row of the list: a role and how many credentials hold it.
    struct Row: Sendable {
        var role: APIRole
        var credentials: Int
    }

    // MARK: The list

    /// The API Roles tab.
    func listPage(_ rows: [Row], request: AdminRequest) -> Page {
        let create = paths.path(AdminSection.credentials.path + "/roles/new")
        let body: [HTML] =
            rows.isEmpty
            ? [
                """
                <tr class="empty-row"><td colspan="5">No API roles yet. API credentials need at least one role to be \
                allowed any action: use Create API Role to define one.</td></tr>
                """
            ]
            : rows.map(row)
        return Page(
            title: AdminSection.credentials.title,
            section: .credentials,
            breadcrumbs: Page.trail(.credentials, paths: paths, extra: [Page.Breadcrumb("API Roles")]),
            actions:
                "<a class=\"btn btn-primary\" href=\"\(create)\">\(layout.icon(.plus))<span>Create API Role</span></a>",
            notice: Notice.named(request.query["notice"]),
            content: """
                \(CredentialsView.tabs(active: 1, paths: paths))
                <div class="panel tab-panel">
                <p class="intro">An API role is a set of allowed API actions. A credential may hold several roles; a \
                request is allowed when any of them allows its action. A credential without roles is allowed nothing.</p>
                <div class="table-wrap">
                <table class="table responsive-table">
                <caption class="visually-hidden">API roles</caption>
                <thead><tr><th scope="col">Name</th><th scope="col">Description</th><th scope="col">Allowed Actions</th>\
                <th scope="col">Credentials</th><th scope="col" class="actions-col"><span class="visually-hidden">Actions</span></th></tr></thead>
                <tbody>\(body)</tbody>
                </table>
                </div>
                </div>
                """
        )
    }

    private func row(_ row: Row) -> HTML {
        let role = row.role
        let count = role.allowedActions.count
        let description: HTML =
            role.description.isEmpty ? "<span class=\"muted\">None provided</span>" : "\(role.description)"
        let holders =
            row.credentials == 0
            ? "It is not assigned to any API credential."
            : "It will be unassigned from \(row.credentials) API credential\(row.credentials == 1 ? "" : "s")."
        return """
            <tr>
            <td data-label="Name"><strong>\(role.name)</strong></td>
            <td data-label="Description">\(description)</td>
            <td data-label="Allowed Actions">\(count) action\(count == 1 ? "" : "s")</td>
            <td data-label="Credentials">\(row.credentials)</td>
            <td class="actions">
            <a class="btn-icon" href="\(base)/\(role.id)" data-dialog data-dialog-size="md" title="View" \
            aria-label="View API role \(role.name)">\(layout.icon(.eye))</a>
            <a class="btn-icon" href="\(base)/\(role.id)/edit" title="Edit" aria-label="Edit API role \(role.name)">\
            \(layout.icon(.pencil))</a>
            <a class="btn-icon btn-icon-danger" href="\(base)/\(role.id)/delete" title="Delete" \
            aria-label="Delete API role \(role.name)" data-confirm data-confirm-action="\(base)/\(role.id)/delete" \
            data-confirm-title="Delete API Role" \
            data-confirm-message="Are you sure you want to delete the API role \(role.name)? \(holders)" \
            data-confirm-button="Delete Role">\(layout.icon(.trash))</a>
            </td>
            </tr>
            """
    }

    // MARK: The editor

    /// Create API Role or Edit API Role: name, description, and the allowed actions by category.
    func editor(
        role: APIRole?,
        catalog: [ActionDescriptor],
        name: String,
        description: String,
        actions: Set<String>,
        csrf: String,
        error: String? = nil
    ) -> Page {
        let title = role == nil ? "Create API Role" : "Edit API Role"
        let action = role.map { "\(base)/\($0.id)" } ?? base
        return Page(
            title: title,
            section: .credentials,
            breadcrumbs: Page.trail(
                .credentials,
                paths: paths,
                extra: [Page.Breadcrumb("API Roles", href: base), Page.Breadcrumb(title)]
            ),
            content: """
                <form method="post" action="\(action)" class="panel role-editor">
                \(CSRFCheck.field(csrf))
                \(FormFields.error(error, sprite: layout.sprite))
                <div class="grid-2">
                \(FormFields.text(id: "role-name", name: "name", label: "Name", value: name, required: true, maxLength: 100))
                \(FormFields.text(id: "role-description", name: "description", label: "Description", value: description, help: "Optional.", maxLength: 1000))
                </div>
                <fieldset class="fieldset">
                <legend>Allowed API Actions</legend>
                \(actionPicker(catalog, selected: actions))
                </fieldset>
                <div class="form-actions">
                <a class="btn btn-default" href="\(base)">Cancel</a>
                <button type="submit" class="btn btn-primary">\(role == nil ? "Create API Role" : "Save Changes")</button>
                </div>
                </form>
                """,
            status: error == nil ? .ok : .unprocessableContent
        )
    }

    /// The categories in a sidebar and a checkbox per action, with select all per category.
    private func actionPicker(_ catalog: [ActionDescriptor], selected: Set<String>) -> HTML {
        let categories = Self.grouped(catalog)
        guard !categories.isEmpty else { return "<p class=\"muted\">The server registered no API actions.</p>" }
        let sidebar: [HTML] = categories.enumerated().map { offset, category in
            let slug = Self.slug(category.name)
            let chosen = category.actions.filter { selected.contains($0.key) }.count
            let current: HTML = offset == 0 ? " aria-current=\"true\"" : ""
            return """
                <li><a href="#category-\(slug)" data-category="\(slug)"\(current)><span>\(category.name)</span>\
                <span class="badge" data-category-count="\(slug)">\(chosen)/\(category.actions.count)</span></a></li>
                """
        }
        let panels: [HTML] = categories.map { category in
            let slug = Self.slug(category.name)
            let boxes: [HTML] = category.actions.map { action in
                FormFields.checkbox(
                    id: "action-\(action.key)",
                    name: "actions",
                    value: action.name,
                    label: action.name,
                    checked: selected.contains(action.key),
                    detail: action.summary,
                    extra: " data-action-checkbox"
                )
            }
            return """
                <section class="action-panel" id="category-\(slug)" data-category-panel="\(slug)" \
                aria-labelledby="category-\(slug)-title">
                <div class="action-panel-header"><h3 id="category-\(slug)-title">\(category.name)</h3>
                <label class="check select-all" hidden><input type="checkbox" data-select-all>\
                <span class="check-text"><span class="check-label">Select all</span></span></label></div>
                <div class="check-list">\(boxes)</div>
                </section>
                """
        }
        return """
            <div class="action-picker" data-action-picker>
            <nav class="action-categories" aria-label="Action categories"><ul>\(sidebar)</ul></nav>
            <div class="action-panels">\(panels)</div>
            </div>
            """
    }

    // MARK: Detail and delete

    /// The quick detail view.
    func detail(_ row: Row, catalog: [ActionDescriptor]) -> Page {
        let role = row.role
        let known = Set(catalog.map(\.key))
        let groups: [HTML] = Self.grouped(catalog).compactMap { category in
            let allowed = category.actions.filter { role.allows($0.name) }
            guard !allowed.isEmpty else { return nil }
            let items: [HTML] = allowed.map {
                "<li><code>\($0.name)</code> <span class=\"muted\">\($0.summary)</span></li>"
            }
            return "<div class=\"detail-group\"><h3>\(category.name)</h3><ul class=\"plain-list\">\(items)</ul></div>"
        }
        let unknown = role.sortedActions.filter { !known.contains($0) }
        let unknownBlock: HTML =
            unknown.isEmpty
            ? .empty
            : "<div class=\"detail-group\"><h3>No longer offered</h3><p>\(unknown.joined(separator: ", "))</p></div>"
        let actions: HTML =
            groups.isEmpty && unknown.isEmpty
            ? "<p class=\"muted\">This role allows no actions.</p>" : "\(groups)\(unknownBlock)"
        return Page(
            title: "API Role: \(role.name)",
            section: .credentials,
            breadcrumbs: Page.trail(
                .credentials,
                paths: paths,
                extra: [Page.Breadcrumb("API Roles", href: base), Page.Breadcrumb(role.name)]
            ),
            content: """
                <div class="role-detail">
                <dl class="details">
                <div><dt>Name</dt><dd>\(role.name)</dd></div>
                <div><dt>Description</dt><dd>\(role.description.isEmpty ? "None provided" : role.description)</dd></div>
                <div><dt>Credentials</dt><dd>\(row.credentials)</dd></div>
                <div><dt>Updated</dt><dd>\(CredentialsView.time(role.updatedAt))</dd></div>
                </dl>
                <h2 class="section-title">Allowed API Actions</h2>
                \(actions)
                <p class="form-actions"><a class="btn btn-default" href="\(base)/\(role.id)/edit">\
                \(layout.icon(.pencil))<span>Edit</span></a></p>
                </div>
                """
        )
    }

    /// The delete confirmation page.
    func deleteConfirmation(_ row: Row, csrf: String) -> Page {
        let holders =
            row.credentials == 0
            ? "It is not assigned to any API credential."
            : "It will be unassigned from \(row.credentials) API credential\(row.credentials == 1 ? "" : "s")."
        return Page(
            title: "Delete API Role",
            section: .credentials,
            breadcrumbs: Page.trail(
                .credentials,
                paths: paths,
                extra: [Page.Breadcrumb("API Roles", href: base), Page.Breadcrumb("Delete API Role")]
            ),
            content: """
                <form method="post" action="\(base)/\(row.role.id)/delete" class="panel confirm-panel">
                \(CSRFCheck.field(csrf))
                <p>Are you sure you want to delete the API role <strong>\(row.role.name)</strong>? \(holders)</p>
                <div class="form-actions">
                <a class="btn btn-default" href="\(base)">Cancel</a>
                <button type="submit" class="btn btn-danger">Delete Role</button>
                </div>
                </form>
                """
        )
    }

    // MARK: Helpers

    /// The catalog grouped by category, categories and actions by name.
    static func grouped(_ catalog: [ActionDescriptor]) -> [(name: String, actions: [ActionDescriptor])] {
        Dictionary(grouping: catalog, by: \.category)
            .map { (name: $0.key, actions: $0.value.sorted { $0.name < $1.name }) }
            .sorted { $0.name < $1.name }
    }

    /// A category name as an id fragment: `Project Management` → `project-management`.
    static func slug(_ name: String) -> String {
        var out = ""
        for scalar in name.lowercased().unicodeScalars {
            if scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)) {
                out.unicodeScalars.append(scalar)
            } else if !out.hasSuffix("-") {
                out.append("-")
            }
        }
        return out.isEmpty ? "category" : out
    }
}
