import KeywardCore
import KeywardHTTP

/// The Administrators page: list, create, edit (names, email, group), change password,
/// disable/enable, and remove with a confirmation that says how many API credentials stop working.
struct AdminsController: Sendable {
    let env: AdminEnvironment

    private var view: AdminsView { AdminsView(env: env) }
    private var base: String { env.paths.path(AdminSection.administrators.path) }

    func register(on routes: inout AdminRoutes) {
        let permission = AdminSection.administrators.permission
        routes.get("/admins", permission) { request in try list(request) }
        routes.get("/admins/new", permission) { request in try createForm(request) }
        routes.post("/admins", permission) { request in try create(request) }
        routes.get("/admins/:id/edit", permission) { request in try editForm(request) }
        routes.post("/admins/:id", permission) { request in try update(request) }
        routes.post("/admins/:id/password", permission) { request in try setPassword(request) }
        routes.post("/admins/:id/disable", permission) { request in try setDisabled(request, true) }
        routes.post("/admins/:id/enable", permission) { request in try setDisabled(request, false) }
        routes.get("/admins/:id/remove", permission) { request in try removeConfirmation(request) }
        routes.post("/admins/:id/remove", permission) { request in try remove(request) }
    }

    private func rows() throws -> [AdminsView.Row] {
        let groups = Dictionary(uniqueKeysWithValues: try env.management.groups().map { ($0.id, $0.name) })
        return try env.management.admins().map { admin in
            AdminsView.Row(
                admin: admin,
                groupName: groups[admin.groupID] ?? "Unknown",
                credentials: try env.management.credentialCount(adminID: admin.id)
            )
        }
    }

    private func row(_ request: AdminRequest) throws -> AdminsView.Row {
        let admin = try env.management.admin(id: try request.id())
        return AdminsView.Row(
            admin: admin,
            groupName: (try? env.group(id: admin.groupID).name) ?? "Unknown",
            credentials: try env.management.credentialCount(adminID: admin.id)
        )
    }

    private func list(_ request: AdminRequest) throws -> Response {
        let rows = try rows().sorted {
            if $0.admin.isDisabled != $1.admin.isDisabled { return !$0.admin.isDisabled }
            return $0.admin.fullName.lowercased() < $1.admin.fullName.lowercased()
        }
        return env.respond(view.listPage(rows, request: request), to: request)
    }

    private func values(_ request: AdminRequest) -> AdminsView.Values {
        var values = AdminsView.Values()
        values.username = request.field("username")
        values.firstName = request.field("first_name")
        values.lastName = request.field("last_name")
        values.email = request.field("email")
        values.groupID = request.field("group_id")
        values.notes = request.field("notes")
        return values
    }

    // MARK: Create

    private func createForm(_ request: AdminRequest) throws -> Response {
        var values = AdminsView.Values()
        values.groupID = String(AdminGroup.fullAdministratorID)
        let page = view.createForm(groups: try env.management.groups(), values: values, csrf: request.session.csrfToken)
        return env.respond(page, to: request)
    }

    private func create(_ request: AdminRequest) throws -> Response {
        let values = values(request)
        func retry(_ message: String) throws -> Response {
            let page = view.createForm(
                groups: try env.management.groups(),
                values: values,
                csrf: request.session.csrfToken,
                error: message
            )
            return env.respond(page, to: request)
        }
        guard let groupID = Int64(values.groupID) else { return try retry("Select an admin role group.") }
        guard request.field("password") == request.field("confirm_password") else {
            return try retry("The passwords do not match.")
        }
        do {
            try env.management.createAdmin(
                AdminInput(
                    username: values.username,
                    firstName: values.firstName,
                    lastName: values.lastName,
                    email: values.email,
                    groupID: groupID,
                    notes: values.notes
                ),
                password: request.field("password"),
                context: request.context
            )
        } catch  where ErrorPresentation.isCorrectable(error) {
            return try retry(ErrorPresentation(error).message)
        }
        return env.finished(request, location: env.returnLocation(nil, fallback: base, notice: "admin-created"))
    }

    // MARK: Edit

    private func editForm(_ request: AdminRequest) throws -> Response {
        let row = try row(request)
        let page = view.editForm(
            row,
            groups: try env.management.groups(),
            values: AdminsView.Values(row.admin),
            request: request
        )
        return env.respond(page, to: request)
    }

    private func update(_ request: AdminRequest) throws -> Response {
        let id = try request.id()
        let values = values(request)
        do {
            guard let groupID = Int64(values.groupID) else {
                throw KeywardError.invalidInput("Select an admin role group.")
            }
            try env.management.updateAdmin(
                id: id,
                AdminChanges(
                    username: values.username,
                    firstName: values.firstName,
                    lastName: values.lastName,
                    email: values.email,
                    groupID: groupID,
                    notes: values.notes
                ),
                context: request.context
            )
        } catch  where ErrorPresentation.isCorrectable(error) {
            let page = view.editForm(
                try row(request),
                groups: try env.management.groups(),
                values: values,
                request: request,
                error: ErrorPresentation(error).message
            )
            return env.respond(page, to: request)
        }
        return env.finished(request, location: editLocation(id, notice: "admin-updated"))
    }

    private func setPassword(_ request: AdminRequest) throws -> Response {
        let id = try request.id()
        do {
            guard request.field("password") == request.field("confirm_password") else {
                throw KeywardError.invalidInput("The passwords do not match.")
            }
            try env.management.setPassword(adminID: id, password: request.field("password"), context: request.context)
            // Whoever knew the old password is signed out; API credentials stay valid.
            if id != request.admin.id { try env.sessions.endAll(adminID: id) }
        } catch  where ErrorPresentation.isCorrectable(error) {
            let row = try row(request)
            let page = view.editForm(
                row,
                groups: try env.management.groups(),
                values: AdminsView.Values(row.admin),
                request: request,
                passwordError: ErrorPresentation(error).message
            )
            return env.respond(page, to: request)
        }
        return env.finished(request, location: editLocation(id, notice: "admin-password"))
    }

    private func setDisabled(_ request: AdminRequest, _ disabled: Bool) throws -> Response {
        let id = try request.id()
        try env.management.setDisabled(adminID: id, disabled, context: request.context)
        if disabled && id == request.admin.id {
            // Disabling oneself ends one's own session too.
            return env.finished(request, location: env.paths.signIn)
        }
        return env.finished(request, location: editLocation(id, notice: disabled ? "admin-disabled" : "admin-enabled"))
    }

    // MARK: Remove

    private func removeConfirmation(_ request: AdminRequest) throws -> Response {
        env.respond(view.removeConfirmation(try row(request), csrf: request.session.csrfToken), to: request)
    }

    private func remove(_ request: AdminRequest) throws -> Response {
        try env.management.removeAdmin(id: try request.id(), context: request.context)
        return env.finished(request, location: env.returnLocation(nil, fallback: base, notice: "admin-removed"))
    }

    private func editLocation(_ id: Int64, notice: String) -> String {
        env.returnLocation(nil, fallback: "\(base)/\(id)/edit", notice: notice)
    }
}
