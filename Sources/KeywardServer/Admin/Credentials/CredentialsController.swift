import KeywardCore
import KeywardHTTP

/// The API Credentials tab: the table (search, sort and paging in the store), Generate New API
/// Credential, inline description edits, the Credential Management dialog, and deletion.
struct CredentialsController: Sendable {
    let env: AdminEnvironment

    private var view: CredentialsView { CredentialsView(env: env) }
    private var base: String { env.paths.path(AdminSection.credentials.path) }

    func register(on routes: inout AdminRoutes) {
        let permission = AdminSection.credentials.permission
        routes.get("/api-credentials", permission) { request in try list(request) }
        routes.get("/api-credentials/new", permission) { request in try generateForm(request) }
        routes.post("/api-credentials", permission) { request in try generate(request) }
        routes.get("/api-credentials/:id/edit", permission) { request in try editForm(request) }
        routes.post("/api-credentials/:id", permission) { request in try update(request) }
        routes.post("/api-credentials/:id/description", permission) { request in try describe(request) }
        routes.get("/api-credentials/:id/delete", permission) { request in try deleteConfirmation(request) }
        routes.post("/api-credentials/:id/delete", permission) { request in try delete(request) }
    }

    // MARK: The list

    private func list(_ request: AdminRequest) throws -> Response {
        var state = CredentialTableState(query: request.query)
        var result = try env.management.credentials(matching: state.query)
        // A page past the end (after deletions or a narrower search) shows the last page instead.
        if result.rows.isEmpty, result.matching > 0, state.page > 1 {
            state.page = state.pageCount(matching: result.matching)
            result = try env.management.credentials(matching: state.query)
        }
        if request.fragment == "table" {
            var response = Response.html(view.table(result, state: state, now: request.now).rendered)
            SecurityHeaders.apply(to: &response)
            return response
        }
        return env.respond(view.listPage(result, state: state, request: request), to: request)
    }

    // MARK: Generate

    private func generateForm(_ request: AdminRequest) throws -> Response {
        let page = view.generateForm(
            admins: try env.management.admins(),
            roles: try env.management.roles(),
            returnTo: request.query["return"],
            csrf: request.session.csrfToken
        )
        return env.respond(page, to: request)
    }

    private func generate(_ request: AdminRequest) throws -> Response {
        let adminText = request.field("admin_id")
        let description = request.field("description")
        let roleIDs = request.ids("role_ids")
        let returnTo = request.field("return")
        func retry(_ message: String) throws -> Response {
            let page = view.generateForm(
                admins: try env.management.admins(),
                roles: try env.management.roles(),
                adminID: adminText,
                description: description,
                roleIDs: Set(roleIDs),
                returnTo: returnTo,
                csrf: request.session.csrfToken,
                error: message
            )
            return env.respond(page, to: request)
        }
        guard let adminID = Int64(adminText) else { return try retry("Select the admin the credential is for.") }
        do {
            let generated = try env.management.generateCredential(
                adminID: adminID,
                description: description,
                roleIDs: roleIDs,
                context: request.context
            )
            let admin = try env.management.admin(id: adminID)
            return env.respond(view.generated(generated, admin: admin, returnTo: returnTo), to: request)
        } catch  where ErrorPresentation.isCorrectable(error) {
            return try retry(ErrorPresentation(error).message)
        }
    }

    // MARK: Edit

    private func editForm(_ request: AdminRequest) throws -> Response {
        let credential = try env.credential(id: try request.id())
        let page = view.editForm(
            credential,
            admin: try? env.management.admin(id: credential.adminID),
            roles: try env.management.roles(),
            returnTo: request.query["return"],
            csrf: request.session.csrfToken
        )
        return env.respond(page, to: request)
    }

    private func update(_ request: AdminRequest) throws -> Response {
        let id = try request.id()
        let description = request.field("description")
        let roleIDs = request.ids("role_ids")
        let returnTo = request.field("return")
        do {
            try env.management.describeCredential(id: id, description: description, context: request.context)
            try env.management.setCredentialRoles(id: id, roleIDs: roleIDs, context: request.context)
        } catch  where ErrorPresentation.isCorrectable(error) {
            let credential = try env.credential(id: id)
            let page = view.editForm(
                credential,
                admin: try? env.management.admin(id: credential.adminID),
                roles: try env.management.roles(),
                description: description,
                roleIDs: Set(roleIDs),
                returnTo: returnTo,
                csrf: request.session.csrfToken,
                error: ErrorPresentation(error).message
            )
            return env.respond(page, to: request)
        }
        return env.finished(request, location: location(returnTo, notice: "credential-updated"))
    }

    /// The inline editor's save: answers the new cell content for the script, or goes back to the
    /// list for a plain form post.
    private func describe(_ request: AdminRequest) throws -> Response {
        let id = try request.id()
        let returnTo = env.paths.safeReturn(request.field("return"), fallback: base)
        do {
            let credential = try env.management.describeCredential(
                id: id,
                description: request.field("description"),
                context: request.context
            )
            guard request.wantsFragment else {
                return env.finished(request, location: location(returnTo, notice: "credential-updated"))
            }
            var response = Response.html(view.descriptionCell(credential, returnTo: returnTo).rendered)
            SecurityHeaders.apply(to: &response)
            return response
        } catch  where request.wantsFragment && ErrorPresentation.isCorrectable(error) {
            let presentation = ErrorPresentation(error)
            var response = Response.text(presentation.message, status: presentation.status)
            SecurityHeaders.apply(to: &response)
            return response
        }
    }

    // MARK: Delete

    private func deleteConfirmation(_ request: AdminRequest) throws -> Response {
        let credential = try env.credential(id: try request.id())
        let page = view.deleteConfirmation(
            credential, returnTo: request.query["return"], csrf: request.session.csrfToken)
        return env.respond(page, to: request)
    }

    private func delete(_ request: AdminRequest) throws -> Response {
        try env.management.removeCredential(id: try request.id(), context: request.context)
        return env.finished(request, location: location(request.field("return"), notice: "credential-deleted"))
    }

    private func location(_ returnTo: String?, notice: String) -> String {
        env.returnLocation(returnTo, fallback: base, notice: notice)
    }
}
