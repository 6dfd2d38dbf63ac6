import KeywardCore

/// The markup of the Admin Role Groups page: the list and the permission editor.
struct GroupsView: Sendable {
    let env: AdminEnvironment

    private var paths: AdminPaths { env.paths }
    private var layout: Layout { env.layout }
    private var base: String { paths.path(AdminSection.groups.path) }

    /// A group with its member count.
    struct Row: Sendable {
        var group: AdminGroup
        var members: Int
    }

    /// The Admin Role Groups page.
    func listPage(_ rows: [Row], request: AdminRequest) -> Page {
        let body: [HTML] = rows.map(row)
        return Page(
            title: AdminSection.groups.title,
            section: .groups,
            breadcrumbs: Page.trail(.groups, paths: paths),
            actions: """
                <a class="btn btn-primary" href="\(base)/new">\(layout.icon(.plus))<span>Create New Role Group</span></a>
                """,
            notice: Notice.named(request.query["notice"]),
            content: """
                <div class="panel">
                <p class="intro">An admin role group grants its administrators a set of permissions. Using the API \
                needs “API Access”; this page, “Manage API Credentials” and the others need their own permission.</p>
                <div class="table-wrap">
                <table class="table responsive-table">
                <caption class="visually-hidden">Admin role groups</caption>
                <thead><tr><th scope="col">Name</th><th scope="col">Administrators</th><th scope="col">Permissions</th>\
                <th scope="col" class="actions-col"><span class="visually-hidden">Actions</span></th></tr></thead>
                <tbody>\(body)</tbody>
                </table>
                </div>
                </div>
                """
        )
    }

    private func row(_ row: Row) -> HTML {
        let group = row.group
        let builtIn: HTML = group.isBuiltIn ? " <span class=\"badge badge-muted\">Built-in</span>" : .empty
        let canRemove = !group.isBuiltIn && row.members == 0
        let remove: HTML =
            canRemove
            ? """
            <a class="btn-icon btn-icon-danger" href="\(base)/\(group.id)/delete" title="Delete" \
            aria-label="Delete role group \(group.name)" data-confirm data-confirm-action="\(base)/\(group.id)/delete" \
            data-confirm-title="Delete Role Group" \
            data-confirm-message="Are you sure you want to delete the admin role group \(group.name)?" \
            data-confirm-button="Delete Role Group">\(layout.icon(.trash))</a>
            """ : .empty
        let permissions = group.permissions.count
        let apiAccess: HTML =
            group.allows(.apiAccess) ? " <span class=\"badge badge-info\">API Access</span>" : .empty
        return """
            <tr>
            <td data-label="Name"><strong>\(group.name)</strong>\(builtIn)</td>
            <td data-label="Administrators">\(row.members)</td>
            <td data-label="Permissions">\(permissions) of \(Permission.all.count)\(apiAccess)</td>
            <td class="actions">
            <a class="btn-icon" href="\(base)/\(group.id)/edit" title="Edit" aria-label="Edit role group \(group.name)">\
            \(layout.icon(.pencil))</a>
            \(remove)
            </td>
            </tr>
            """
    }

    /// Create or edit a group: its name and permissions.
    func editor(group: AdminGroup?, name: String, permissions: Set<Permission>, csrf: String, error: String? = nil)
        -> Page
    {
        let title = group == nil ? "Create New Role Group" : "Edit Role Group"
        let action = group.map { "\(base)/\($0.id)" } ?? base
        let boxes: [HTML] = Permission.all.enumerated().map { offset, permission in
            FormFields.checkbox(
                id: "permission-\(offset)",
                name: "permissions",
                value: permission.name,
                label: permission.name,
                checked: permissions.contains(permission),
                extra: " data-action-checkbox"
            )
        }
        return Page(
            title: title,
            section: .groups,
            breadcrumbs: Page.trail(.groups, paths: paths, extra: [Page.Breadcrumb(group?.name ?? title)]),
            content: """
                <form method="post" action="\(action)" class="panel form-stack">
                \(CSRFCheck.field(csrf))
                \(FormFields.error(error, sprite: layout.sprite))
                <div class="narrow-form">
                \(FormFields.text(id: "group-name", name: "name", label: "Name", value: name, required: true, maxLength: 100))
                </div>
                <fieldset class="fieldset" data-check-group>
                <legend>Permissions</legend>
                <label class="check select-all" hidden><input type="checkbox" data-select-all>\
                <span class="check-text"><span class="check-label">Select all</span></span></label>
                <div class="check-list columns">\(boxes)</div>
                </fieldset>
                <div class="form-actions">
                <a class="btn btn-default" href="\(base)">Cancel</a>
                <button type="submit" class="btn btn-primary">\(group == nil ? "Create Role Group" : "Save Changes")</button>
                </div>
                </form>
                """,
            status: error == nil ? .ok : .unprocessableContent
        )
    }
}
