import FoundationEssentials
import KeywardCore
import KeywardHTTP

/// Registers the admin area's routes and puts every page behind the same gate: a live session,
/// an enabled admin, the CSRF token on state-changing requests, and the page's permission.
///
/// Every gated handler runs deferred, off the HTTP threads: pages read the store, actions write
/// it, and sign-in runs Argon2id.
struct AdminRoutes {
    /// The router being filled.
    var router: Router
    /// The shared services and helpers.
    let env: AdminEnvironment

    /// A signed-in admin's handler.
    typealias Handler = @Sendable (AdminRequest) throws -> Response

    /// Registers a page (`GET`, which also serves `HEAD`) that needs `permission`, or only a
    /// session when `nil`.
    mutating func get(_ pattern: String, _ permission: Permission?, _ handler: @escaping Handler) {
        let env = env
        router.on(.get, "/admin" + pattern) { request in
            .deferred { AdminRoutes.gate(request, env: env, permission: permission, isAction: false, handler) }
        }
    }

    /// Registers an action (`POST`) that needs the CSRF token and `permission`.
    mutating func post(_ pattern: String, _ permission: Permission?, _ handler: @escaping Handler) {
        let env = env
        router.on(.post, "/admin" + pattern) { request in
            .deferred { AdminRoutes.gate(request, env: env, permission: permission, isAction: true, handler) }
        }
    }

    /// Registers a handler outside the gate (sign-in, assets).
    mutating func open(_ method: HTTPMethod, _ pattern: String, _ handler: @escaping Router.Handler) {
        router.on(method, "/admin" + pattern, handler)
    }

    // MARK: The gate

    /// Resolves the session and admin, checks CSRF and the permission, then runs the handler and
    /// turns its errors into pages.
    static func gate(
        _ request: Request,
        env: AdminEnvironment,
        permission: Permission?,
        isAction: Bool,
        _ handler: Handler
    ) -> Response {
        guard let token = request.cookie(env.configuration.cookieName), !token.isEmpty else {
            return signInRequired(request, env: env, expired: false, clearCookie: false)
        }
        let session: AdminSession
        let admin: Admin
        let group: AdminGroup?
        do {
            switch try env.sessions.lookup(token: token) {
            case .active(let found): session = found
            case .expired: return signInRequired(request, env: env, expired: true, clearCookie: true)
            case .unknown: return signInRequired(request, env: env, expired: false, clearCookie: true)
            }
            // A disabled or removed admin is signed out at once, whatever its session says.
            guard let (found, foundGroup) = try env.adminAndGroup(id: session.adminID), !found.isDisabled else {
                try env.sessions.end(token: token)
                return signInRequired(request, env: env, expired: false, clearCookie: true)
            }
            admin = found
            group = foundGroup
        } catch {
            return env.bareError(error, for: request)
        }

        let query: FormData
        let body: FormData
        do {
            query = try request.queryForm()
            body =
                isAction
                ? try FormParser().parseBody(request.body, contentType: request.headers["Content-Type"]) : FormData()
        } catch {
            return env.bareError(error, for: request)
        }
        let adminRequest = AdminRequest(
            request: request,
            query: query,
            body: body,
            admin: admin,
            group: group,
            session: session,
            now: env.services.clock.now()
        )
        if isAction {
            guard CSRFCheck.matches(CSRFCheck.presented(body: body, request: request), expected: session.csrfToken)
            else {
                env.logger.warning(
                    "admin action without a valid CSRF token",
                    metadata: ["route": request.route ?? "-", "admin": admin.username, "request_id": request.requestID]
                )
                return env.respond(csrfRejected(env), to: adminRequest)
            }
        }
        if let permission, !adminRequest.can(permission) {
            return env.respond(env.forbiddenPage(permission), to: adminRequest)
        }
        do {
            return try handler(adminRequest)
        } catch {
            return env.errorPage(error, for: adminRequest)
        }
    }

    /// The page for a post without a valid CSRF token: nothing was changed.
    static func csrfRejected(_ env: AdminEnvironment) -> Page {
        Page(
            title: "Security Check Failed",
            content: """
                <div class="panel error-panel">
                <div class="error-code">403</div>
                <p class="lead">The request did not carry a valid security token, so nothing was changed.</p>
                <p>This happens when a form was opened before you signed in again, or when another site \
                tried to submit it. Go back, reload the page and try again.</p>
                <p><a class="btn btn-default" href="\(env.paths.home)">Back to the dashboard</a></p>
                </div>
                """,
            status: .forbidden
        )
    }

    /// The answer when there is no live session: to the sign-in page, coming back here after.
    static func signInRequired(_ request: Request, env: AdminEnvironment, expired: Bool, clearCookie: Bool)
        -> Response
    {
        let isPage = request.method == .get || request.method == .head
        let here = request.query.isEmpty ? request.path : request.path + "?" + request.query
        let location = env.paths.path(
            "/login",
            query: [("return", isPage ? here : ""), ("notice", expired ? "session-expired" : "")]
        )
        var response: Response
        if AdminRequest.fragment(of: request) != nil {
            response = Response.text("Your session has ended. Please sign in again.", status: .unauthorized)
            response.headers.add(name: "X-Keyward-Location", value: location)
        } else {
            response = Response.redirect(to: location)
        }
        if clearCookie, let cookie = try? env.expiredSessionCookie(for: request) { response.setCookie(cookie) }
        SecurityHeaders.apply(to: &response)
        return response
    }
}
