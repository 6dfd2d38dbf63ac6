import KeywardCore

/// The markup of the Administrators page: the list, the create and edit forms, password, status
/// and removal.
struct AdminsView: Sendable {
    let env: AdminEnvironment

    private var paths: AdminPaths { env.paths }
    private var layout: Layout { env.layout }
    private var base: String { paths.path(AdminSection.administrators.path) }

    /// One admin with its group name and credential count.
    struct Row: Sendable {
        var admin: Admin
        var groupName: String
        var credentials: Int
    }

    /// The form's values (what was typed, after an error).
    struct Values: Sendable {
        var username = ""
        var firstName = ""
        var lastName = ""
        var email = ""
        var groupID = ""
        var notes = ""

        init() {}

        init(_ admin: Admin) {
            username = admin.username
            firstName = admin.firstName
            lastName = admin.lastName
            email = admin.email
            groupID = String(admin.groupID)
            notes = admin.notes
        }
    }

    // MARK: The list

    /// The Administrators page.
    func listPage(_ rows: [Row], request: AdminRequest) -> Page {
        let body: [HTML] = rows.map { row($0, csrf: request.session.csrfToken, selfID: request.admin.id) }
        return Page(
            title: AdminSection.administrators.title,
            section: .administrators,
            breadcrumbs: Page.trail(.administrators, paths: paths),
            actions: """
                <a class="btn btn-primary" href="\(base)/new">\(layout.icon(.plus))<span>Add New Administrator</span></a>
                """,
            notice: Notice.named(request.query["notice"]),
            content: """
                <div class="panel">
                <div class="table-wrap">
                <table class="table responsive-table">
                <caption class="visually-hidden">Administrators</caption>
                <thead><tr><th scope="col">Name</th><th scope="col">Username</th><th scope="col">Email</th>\
                <th scope="col">Role Group</th><th scope="col">Status</th><th scope="col">API Credentials</th>\
                <th scope="col" class="actions-col"><span class="visually-hidden">Actions</span></th></tr></thead>
                <tbody>\(body)</tbody>
                </table>
                </div>
                </div>
                """
        )
    }

    private func row(_ row: Row, csrf: String, selfID: Int64) -> HTML {
        let admin = row.admin
        let status: HTML =
            admin.isDisabled
            ? "<span class=\"badge badge-muted\">Disabled</span>" : "<span class=\"badge badge-success\">Active</span>"
        let you: HTML = admin.id == selfID ? " <span class=\"badge badge-info\">You</span>" : .empty
        let email: HTML = admin.email.isEmpty ? "<span class=\"muted\">None</span>" : "\(admin.email)"
        let remove: HTML =
            admin.id == selfID
            ? .empty
            : """
            <a class="btn-icon btn-icon-danger" href="\(base)/\(admin.id)/remove" title="Remove" \
            aria-label="Remove administrator \(admin.username)" data-confirm \
            data-confirm-action="\(base)/\(admin.id)/remove" data-confirm-title="Remove Administrator" \
            data-confirm-message="\(removalMessage(row))" data-confirm-button="Remove Administrator">\
            \(layout.icon(.trash))</a>
            """
        return """
            <tr>
            <td data-label="Name"><strong>\(admin.fullName)</strong>\(you)</td>
            <td data-label="Username">\(admin.username)</td>
            <td data-label="Email">\(email)</td>
            <td data-label="Role Group">\(row.groupName)</td>
            <td data-label="Status">\(status)</td>
            <td data-label="API Credentials">\(row.credentials)</td>
            <td class="actions">
            <a class="btn-icon" href="\(base)/\(admin.id)/edit" title="Edit" aria-label="Edit administrator \(admin.username)">\
            \(layout.icon(.pencil))</a>
            \(remove)
            </td>
            </tr>
            """
    }

    /// What removing an admin does, with its credential count.
    func removalMessage(_ row: Row) -> String {
        let count = row.credentials
        let credentials =
            count == 0
            ? "It has no API credentials."
            : "Its \(count) API credential\(count == 1 ? "" : "s") will stop working at once and be deleted."
        return "Are you sure you want to remove the administrator \(row.admin.displayName)? \(credentials) "
            + "This cannot be undone."
    }

    /// The removal panel's warning, with the credential count.
    func removalStatement(_ row: Row) -> String {
        let count = row.credentials
        return count == 0
            ? "The administrator has no API credentials. Removal cannot be undone."
            : "Removing the administrator also deletes its \(count) API credential\(count == 1 ? ", which stops" : "s, which stop") "
                + "working at once. Removal cannot be undone."
    }

    /// What disabling an admin does, with its credential count.
    func disableMessage(_ row: Row) -> String {
        let count = row.credentials
        let credentials =
            count == 0
            ? "" : " Its \(count) API credential\(count == 1 ? "" : "s") will stop working until it is enabled again."
        return "Disable the administrator \(row.admin.displayName)? It is signed out at once and cannot sign in."
            + credentials
    }

    // MARK: Forms

    /// Add New Administrator.
    func createForm(groups: [AdminGroup], values: Values, csrf: String, error: String? = nil) -> Page {
        Page(
            title: "Add New Administrator",
            section: .administrators,
            breadcrumbs: Page.trail(.administrators, paths: paths, extra: [Page.Breadcrumb("Add New Administrator")]),
            content: """
                <form method="post" action="\(base)" class="panel form-stack narrow-form">
                \(CSRFCheck.field(csrf))
                \(FormFields.error(error, sprite: layout.sprite))
                \(detailFields(groups: groups, values: values))
                <div class="grid-2">
                \(FormFields.text(id: "admin-password", name: "password", label: "Password", type: "password", required: true, help: "At least 8 characters.", autocomplete: "new-password"))
                \(FormFields.text(id: "admin-password-confirm", name: "confirm_password", label: "Confirm Password", type: "password", required: true, autocomplete: "new-password"))
                </div>
                <div class="form-actions">
                <a class="btn btn-default" href="\(base)">Cancel</a>
                <button type="submit" class="btn btn-primary">Add Administrator</button>
                </div>
                </form>
                """,
            status: error == nil ? .ok : .unprocessableContent
        )
    }

    /// Edit Administrator: details, password, status and removal.
    func editForm(
        _ row: Row,
        groups: [AdminGroup],
        values: Values,
        request: AdminRequest,
        error: String? = nil,
        passwordError: String? = nil
    ) -> Page {
        let admin = row.admin
        let csrf = request.session.csrfToken
        let isSelf = admin.id == request.admin.id
        let statusAction: HTML =
            admin.isDisabled
            ? """
            <form method="post" action="\(base)/\(admin.id)/enable">\(CSRFCheck.field(csrf))
            <button type="submit" class="btn btn-success">Enable Administrator</button></form>
            """
            : """
            <form method="post" action="\(base)/\(admin.id)/disable" data-confirm-form \
            data-confirm-title="Disable Administrator" data-confirm-message="\(disableMessage(row))" \
            data-confirm-button="Disable Administrator">\(CSRFCheck.field(csrf))
            <button type="submit" class="btn btn-warning">Disable Administrator</button></form>
            """
        let removal: HTML =
            isSelf
            ? "<p class=\"muted\">You cannot remove your own account.</p>"
            : """
            <p>\(removalStatement(row))</p>
            <a class="btn btn-danger" href="\(base)/\(admin.id)/remove" data-confirm \
            data-confirm-action="\(base)/\(admin.id)/remove" data-confirm-title="Remove Administrator" \
            data-confirm-message="\(removalMessage(row))" data-confirm-button="Remove Administrator">Remove Administrator</a>
            """
        let statusText =
            admin.isDisabled
            ? "This administrator is disabled: it cannot sign in and its API credentials do not authenticate."
            : "This administrator is active."
        return Page(
            title: "Edit Administrator",
            section: .administrators,
            breadcrumbs: Page.trail(.administrators, paths: paths, extra: [Page.Breadcrumb(admin.username)]),
            notice: Notice.named(request.query["notice"]),
            content: """
                <div class="edit-grid">
                <div class="stack">
                <form method="post" action="\(base)/\(admin.id)" class="panel form-stack">
                <h2 class="panel-title">Details</h2>
                \(CSRFCheck.field(csrf))
                \(FormFields.error(error, sprite: layout.sprite))
                \(detailFields(groups: groups, values: values))
                <div class="form-actions"><a class="btn btn-default" href="\(base)">Cancel</a>
                <button type="submit" class="btn btn-primary">Save Changes</button></div>
                </form>
                <form method="post" action="\(base)/\(admin.id)/password" class="panel form-stack">
                <h2 class="panel-title">Change Password</h2>
                <p class="help">Changing the password does not affect the administrator's API credentials. \
                Its admin-area sessions end.</p>
                \(CSRFCheck.field(csrf))
                \(FormFields.error(passwordError, sprite: layout.sprite))
                <div class="grid-2">
                \(FormFields.text(id: "new-password", name: "password", label: "New Password", type: "password", required: true, autocomplete: "new-password"))
                \(FormFields.text(id: "new-password-confirm", name: "confirm_password", label: "Confirm Password", type: "password", required: true, autocomplete: "new-password"))
                </div>
                <div class="form-actions"><button type="submit" class="btn btn-primary">Change Password</button></div>
                </form>
                </div>
                <div class="stack">
                <section class="panel">
                <h2 class="panel-title">Status</h2>
                <p>\(statusText)</p>
                \(statusAction)
                </section>
                <section class="panel danger-zone">
                <h2 class="panel-title">Remove Administrator</h2>
                \(removal)
                </section>
                </div>
                </div>
                """,
            status: error == nil && passwordError == nil ? .ok : .unprocessableContent
        )
    }

    private func detailFields(groups: [AdminGroup], values: Values) -> HTML {
        """
        <div class="grid-2">
        \(FormFields.text(id: "admin-first-name", name: "first_name", label: "First Name", value: values.firstName, maxLength: 100, autocomplete: "given-name"))
        \(FormFields.text(id: "admin-last-name", name: "last_name", label: "Last Name", value: values.lastName, maxLength: 100, autocomplete: "family-name"))
        </div>
        <div class="grid-2">
        \(FormFields.text(id: "admin-username", name: "username", label: "Username", value: values.username, required: true, help: "Letters, digits and . _ @ -", maxLength: 64, autocomplete: "off"))
        \(FormFields.text(id: "admin-email", name: "email", label: "Email", value: values.email, type: "email", maxLength: 254, autocomplete: "off"))
        </div>
        \(FormFields.select(id: "admin-group", name: "group_id", label: "Admin Role Group", options: groups.map { (String($0.id), $0.name) }, selected: values.groupID, required: true))
        \(FormFields.textArea(id: "admin-notes", name: "notes", label: "Notes", value: values.notes))
        """
    }

    /// The removal confirmation page.
    func removeConfirmation(_ row: Row, csrf: String) -> Page {
        Page(
            title: "Remove Administrator",
            section: .administrators,
            breadcrumbs: Page.trail(.administrators, paths: paths, extra: [Page.Breadcrumb("Remove Administrator")]),
            content: """
                <form method="post" action="\(base)/\(row.admin.id)/remove" class="panel confirm-panel">
                \(CSRFCheck.field(csrf))
                <p>\(removalMessage(row))</p>
                <div class="form-actions">
                <a class="btn btn-default" href="\(base)">Cancel</a>
                <button type="submit" class="btn btn-danger">Remove Administrator</button>
                </div>
                </form>
                """
        )
    }
}
