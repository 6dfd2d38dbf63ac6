import KeywardHTTP

/// The catch-all for unknown `/admin/…` paths: the area's own 404 page, inside the layout for a
/// signed-in admin and on its own otherwise.
struct NotFoundRoutes: Sendable {
    let env: AdminEnvironment

    func register(on routes: inout AdminRoutes) {
        for method in [HTTPMethod.get, .post] {
            routes.open(method, "/*") { request in .deferred { notFound(request) } }
        }
    }

    private func notFound(_ request: Request) -> Response {
        let presentation = ErrorPresentation(
            status: .notFound,
            title: "Page Not Found",
            message: "There is no admin page at this address.",
            isServerFault: false
        )
        if let token = request.cookie(env.configuration.cookieName),
            case .active(let session) = (try? env.sessions.lookup(token: token)) ?? .unknown,
            let (admin, group) = (try? env.adminAndGroup(id: session.adminID)) ?? nil, !admin.isDisabled
        {
            let adminRequest = AdminRequest(
                request: request,
                query: FormData(),
                body: FormData(),
                admin: admin,
                group: group,
                session: session,
                now: env.services.clock.now()
            )
            return env.respond(env.errorPage(presentation), to: adminRequest)
        }
        return env.bare(
            title: presentation.title,
            content: """
                <h1>\(presentation.title)</h1>
                <p>\(presentation.message)</p>
                <p><a class="btn btn-primary" href="\(env.paths.signIn)">Go to the sign-in page</a></p>
                """,
            status: .notFound
        )
    }
}
