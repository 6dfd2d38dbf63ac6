import KeywardCore
import KeywardHTTP

/// The API Roles tab: list, Create API Role, edit, the quick detail view and deletion (which
/// unassigns the role from its credentials).
struct RolesController: Sendable {
    let env: AdminEnvironment

    private var view: RolesView { RolesView(env: env) }
    private var base: String { env.paths.path(AdminSection.credentials.path + "/roles") }

    func register(on routes: inout AdminRoutes) {
        let permission = AdminSection.credentials.permission
        routes.get("/api-credentials/roles", permission) { request in try list(request) }
        routes.get("/api-credentials/roles/new", permission) { request in try createForm(request) }
        routes.post("/api-credentials/roles", permission) { request in try create(request) }
        routes.get("/api-credentials/roles/:id", permission) { request in try detail(request) }
        routes.get("/api-credentials/roles/:id/edit", permission) { request in try editForm(request) }
        routes.post("/api-credentials/roles/:id", permission) { request in try update(request) }
        routes.get("/api-credentials/roles/:id/delete", permission) { request in try deleteConfirmation(request) }
        routes.post("/api-credentials/roles/:id/delete", permission) { request in try delete(request) }
    }

    /// Every role with the number of credentials that hold it, read in one transaction.
    private func rows(_ request: AdminRequest) throws -> [RolesView.Row] {
        try env.management.store.read { tx in
            try Management.authorizeRead(request.context, .manageAPICredentials, in: tx)
            return try tx.roles().map {
                RolesView.Row(role: $0, credentials: try tx.credentialIDs(holdingRole: $0.id).count)
            }
        }
    }

    private func row(_ request: AdminRequest) throws -> RolesView.Row {
        let id = try request.id()
        guard let row = try rows(request).first(where: { $0.role.id == id }) else {
            throw KeywardError.notFound("API role \(id) not found")
        }
        return row
    }

    private func list(_ request: AdminRequest) throws -> Response {
        env.respond(view.listPage(try rows(request), request: request), to: request)
    }

    private func detail(_ request: AdminRequest) throws -> Response {
        env.respond(view.detail(try row(request), catalog: try env.management.actions()), to: request)
    }

    private func createForm(_ request: AdminRequest) throws -> Response {
        let page = view.editor(
            role: nil,
            catalog: try env.management.actions(),
            name: "",
            description: "",
            actions: [],
            csrf: request.session.csrfToken
        )
        return env.respond(page, to: request)
    }

    private func create(_ request: AdminRequest) throws -> Response {
        let name = request.field("name")
        let description = request.field("description")
        let actions = request.body.allValues(for: "actions")
        do {
            try env.management.createRole(
                name: name, description: description, actions: actions, context: request.context)
        } catch  where ErrorPresentation.isCorrectable(error) {
            let page = view.editor(
                role: nil,
                catalog: try env.management.actions(),
                name: name,
                description: description,
                actions: Set(actions.map { $0.lowercased() }),
                csrf: request.session.csrfToken,
                error: ErrorPresentation(error).message
            )
            return env.respond(page, to: request)
        }
        return env.finished(request, location: env.returnLocation(nil, fallback: base, notice: "role-created"))
    }

    private func editForm(_ request: AdminRequest) throws -> Response {
        let role = try row(request).role
        let page = view.editor(
            role: role,
            catalog: try env.management.actions(),
            name: role.name,
            description: role.description,
            actions: role.allowedActions,
            csrf: request.session.csrfToken
        )
        return env.respond(page, to: request)
    }

    private func update(_ request: AdminRequest) throws -> Response {
        let id = try request.id()
        let name = request.field("name")
        let description = request.field("description")
        let actions = request.body.allValues(for: "actions")
        do {
            try env.management.updateRole(
                id: id,
                name: name,
                description: description,
                actions: actions,
                context: request.context
            )
        } catch  where ErrorPresentation.isCorrectable(error) {
            let page = view.editor(
                role: try row(request).role,
                catalog: try env.management.actions(),
                name: name,
                description: description,
                actions: Set(actions.map { $0.lowercased() }),
                csrf: request.session.csrfToken,
                error: ErrorPresentation(error).message
            )
            return env.respond(page, to: request)
        }
        return env.finished(request, location: env.returnLocation(nil, fallback: base, notice: "role-updated"))
    }

    private func deleteConfirmation(_ request: AdminRequest) throws -> Response {
        env.respond(view.deleteConfirmation(try row(request), csrf: request.session.csrfToken), to: request)
    }

    private func delete(_ request: AdminRequest) throws -> Response {
        try env.management.removeRole(id: try request.id(), context: request.context)
        return env.finished(request, location: env.returnLocation(nil, fallback: base, notice: "role-deleted"))
    }
}
