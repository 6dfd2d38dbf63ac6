import KeywardCore
import KeywardHTTP

/// The Admin Role Groups page: list, create, edit permissions, and delete an unused custom group.
struct GroupsController: Sendable {
    let env: AdminEnvironment

    private var view: GroupsView { GroupsView(env: env) }
    private var base: String { env.paths.path(AdminSection.groups.path) }

    func register(on routes: inout AdminRoutes) {
        let permission = AdminSection.groups.permission
        routes.get("/admin-groups", permission) { request in try list(request) }
        routes.get("/admin-groups/new", permission) { request in createForm(request) }
        routes.post("/admin-groups", permission) { request in try create(request) }
        routes.get("/admin-groups/:id/edit", permission) { request in try editForm(request) }
        routes.post("/admin-groups/:id", permission) { request in try update(request) }
        routes.post("/admin-groups/:id/delete", permission) { request in try delete(request) }
    }

    private func list(_ request: AdminRequest) throws -> Response {
        let admins = try env.management.admins()
        let rows = try env.management.groups().map { group in
            GroupsView.Row(group: group, members: admins.filter { $0.groupID == group.id }.count)
        }
        return env.respond(view.listPage(rows, request: request), to: request)
    }

    private func permissions(_ request: AdminRequest) -> Set<Permission> {
        Set(request.body.allValues(for: "permissions").compactMap(Permission.named))
    }

    private func createForm(_ request: AdminRequest) -> Response {
        env.respond(view.editor(group: nil, name: "", permissions: [], csrf: request.session.csrfToken), to: request)
    }

    private func create(_ request: AdminRequest) throws -> Response {
        let name = request.field("name")
        let permissions = permissions(request)
        do {
            try env.management.createGroup(name: name, permissions: permissions, context: request.context)
        } catch  where ErrorPresentation.isCorrectable(error) {
            let page = view.editor(
                group: nil,
                name: name,
                permissions: permissions,
                csrf: request.session.csrfToken,
                error: ErrorPresentation(error).message
            )
            return env.respond(page, to: request)
        }
        return env.finished(request, location: env.returnLocation(nil, fallback: base, notice: "group-created"))
    }

    private func group(_ request: AdminRequest) throws -> AdminGroup {
        try env.group(id: try request.id())
    }

    private func editForm(_ request: AdminRequest) throws -> Response {
        let group = try group(request)
        let page = view.editor(
            group: group,
            name: group.name,
            permissions: group.permissions,
            csrf: request.session.csrfToken
        )
        return env.respond(page, to: request)
    }

    private func update(_ request: AdminRequest) throws -> Response {
        let group = try group(request)
        let name = request.field("name")
        let permissions = permissions(request)
        do {
            try env.management.updateGroup(id: group.id, name: name, permissions: permissions, context: request.context)
        } catch  where ErrorPresentation.isCorrectable(error) {
            let page = view.editor(
                group: group,
                name: name,
                permissions: permissions,
                csrf: request.session.csrfToken,
                error: ErrorPresentation(error).message
            )
            return env.respond(page, to: request)
        }
        return env.finished(request, location: env.returnLocation(nil, fallback: base, notice: "group-updated"))
    }

    private func delete(_ request: AdminRequest) throws -> Response {
        try env.management.removeGroup(id: try request.id(), context: request.context)
        return env.finished(request, location: env.returnLocation(nil, fallback: base, notice: "group-removed"))
    }
}
