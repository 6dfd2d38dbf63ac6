import FoundationEssentials
import KeywardCore
import KeywardHTTP
import KeywardSupport

/// Sign-in, sign-out and the admin's own password.
///
/// Sign-in verifies the password with Argon2id (deferred, off the HTTP threads), counts failures
/// per client IP and bans an IP that reaches the threshold of the security settings, unless the IP
/// is exempt. The sign-in form itself is protected against cross-site posts by a token that must
/// match a `SameSite=Strict` cookie set with the form.
struct SignInController: Sendable {
    let env: AdminEnvironment

    /// The cookie that carries the sign-in form's token.
    static let formCookieName = "keyward_signin"

    func register(on routes: inout AdminRoutes) {
        routes.open(.get, "/login") { request in .deferred { showSignIn(request) } }
        routes.open(.post, "/login") { request in .deferred { signIn(request) } }
        routes.open(.post, "/logout") { request in .deferred { signOut(request) } }
        routes.get("/account", nil) { request in env.respond(accountPage(request), to: request) }
        routes.post("/account/password", nil) { request in try changeOwnPassword(request) }
    }

    // MARK: Sign-in

    private func showSignIn(_ request: Request) -> Response {
        let query = (try? request.queryForm()) ?? FormData()
        if let response = banned(request) { return response }
        // Already signed in: straight on.
        if let token = request.cookie(env.configuration.cookieName),
            case .active = (try? env.sessions.lookup(token: token)) ?? .unknown
        {
            var response = Response.redirect(to: env.paths.safeReturn(query["return"], fallback: env.paths.home))
            SecurityHeaders.apply(to: &response)
            return response
        }
        return signInForm(
            request,
            username: "",
            returnTo: query["return"],
            notice: Notice.named(query["notice"]),
            status: .ok
        )
    }

    private func signIn(_ request: Request) -> Response {
        if let response = banned(request) { return response }
        let form: FormData
        do {
            form = try FormParser().parseBody(request.body, contentType: request.headers["Content-Type"])
        } catch {
            return env.bareError(error, for: request)
        }
        let username = (form["username"] ?? "").trimmed
        let password = form["password"] ?? ""
        let returnTo = form["return"]
        guard CSRFCheck.matches(form[CSRFCheck.fieldName], expected: request.cookie(Self.formCookieName) ?? "") else {
            return signInForm(
                request,
                username: username,
                returnTo: returnTo,
                notice: Notice(.error, "The sign-in form expired or cookies are blocked. Please try again."),
                status: .forbidden
            )
        }
        guard !username.isEmpty, !password.isEmpty else {
            return signInForm(
                request,
                username: username,
                returnTo: returnTo,
                notice: Notice(.error, "Enter your username and password."),
                status: .unprocessableContent
            )
        }
        let client = request.clientAddress
        let admin: Admin?
        do {
            admin = try env.management.verifySignIn(username: username, password: password)
        } catch {
            return env.bareError(error, for: request)
        }
        guard let admin else {
            let nowBanned = recordFailure(client, username: username)
            if nowBanned, let response = banned(request) { return response }
            return signInForm(
                request,
                username: username,
                returnTo: returnTo,
                notice: Notice(.error, "Invalid username or password."),
                status: .forbidden
            )
        }
        // A success does not reset the IP's failures: someone with one valid account could
        // otherwise keep guessing another admin's password without ever being banned.
        do {
            let (token, _) = try env.sessions.start(
                adminID: admin.id,
                clientIP: client.description,
                userAgent: request.headers["User-Agent"] ?? "",
                previousToken: request.cookie(env.configuration.cookieName)
            )
            try env.management.record(
                "admin.signed_in",
                target: ("admin", admin.id, admin.username),
                context: AuditContext(actor: .admin(admin), clientIP: client.description)
            )
            var response = Response.redirect(to: env.paths.safeReturn(returnTo, fallback: env.paths.home))
            response.setCookie(try env.sessionCookie(token, for: request))
            response.setCookie(try formCookie("", for: request, maxAge: 0))
            SecurityHeaders.apply(to: &response)
            return response
        } catch {
            return env.bareError(error, for: request)
        }
    }

    private func signOut(_ request: Request) -> Response {
        var response = Response.redirect(to: env.paths.path("/login", query: [("notice", "signed-out")]))
        if let token = request.cookie(env.configuration.cookieName),
            case .active(let session) = (try? env.sessions.lookup(token: token)) ?? .unknown
        {
            let body = (try? FormParser().parseBody(request.body, contentType: request.headers["Content-Type"]))
            guard
                CSRFCheck.matches(
                    CSRFCheck.presented(body: body ?? FormData(), request: request), expected: session.csrfToken)
            else {
                return env.bare(
                    title: "Security Check Failed",
                    content: """
                        <h1>Security Check Failed</h1>
                        <p>The sign-out request did not carry a valid security token, so you are still signed in.</p>
                        <p><a class="btn btn-primary" href="\(env.paths.home)">Back to the dashboard</a></p>
                        """,
                    status: .forbidden
                )
            }
            do {
                try env.sessions.end(token: token)
                if let admin = try env.adminAndGroup(id: session.adminID)?.0 {
                    try env.management.record(
                        "admin.signed_out",
                        target: ("admin", admin.id, admin.username),
                        context: AuditContext(actor: .admin(admin), clientIP: request.clientAddress.description)
                    )
                }
            } catch {
                return env.bareError(error, for: request)
            }
        }
        if let cookie = try? env.expiredSessionCookie(for: request) { response.setCookie(cookie) }
        SecurityHeaders.apply(to: &response)
        return response
    }

    // MARK: Bans

    /// The ban page when the client's IP is banned from signing in.
    private func banned(_ request: Request) -> Response? {
        let now = env.services.clock.now().timeIntervalSince1970
        guard let remaining = env.services.bans.banRemaining(request.clientAddress, now: now) else { return nil }
        let minutes = max(1, Int((remaining / 60).rounded(.up)))
        var response = env.bare(
            title: "Too Many Failed Sign-Ins",
            content: """
                <div class="ban">
                \(env.layout.icon(.ban, classes: "icon ban-icon"))
                <h1>Too many failed sign-ins</h1>
                <p>Sign-in from your IP address <strong>\(request.clientAddress.description)</strong> is blocked \
                for \(minutes) more minute\(minutes == 1 ? "" : "s") after repeated failed attempts.</p>
                <p class="muted">If you have forgotten your password, ask another administrator to reset it.</p>
                </div>
                """,
            status: .forbidden
        )
        response.headers.replaceOrAdd(name: "Retry-After", value: String(Int(remaining.rounded(.up))))
        return response
    }

    /// Counts a failed sign-in; returns whether it started a ban.
    private func recordFailure(_ client: IPAddress, username: String) -> Bool {
        let settings = env.index.settings
        var startedBan = false
        if !env.index.isBanExempt(client) {
            startedBan = env.services.bans.recordFailure(
                client,
                now: env.services.clock.now().timeIntervalSince1970,
                threshold: settings.signInBanThreshold,
                seconds: Double(settings.banSeconds)
            )
        }
        do {
            try env.management.record(
                startedBan ? "admin.sign_in_banned" : "admin.sign_in_failed",
                target: ("admin", nil, String(username.prefix(64))),
                context: AuditContext(actor: AuditActor(kind: .system, label: "sign-in"), clientIP: client.description)
            )
        } catch {
            env.logger.warning("recording a failed sign-in failed", metadata: ["error": "\(error)"])
        }
        if startedBan {
            env.logger.warning("admin sign-in banned", metadata: ["ip": client.description])
        }
        return startedBan
    }

    // MARK: Forms

    private func formCookie(_ value: String, for request: Request, maxAge: Int) throws -> Cookie {
        try Cookie(
            name: Self.formCookieName,
            value: value,
            path: env.paths.signIn,
            maxAge: maxAge,
            secure: env.secureCookies(for: request),
            httpOnly: true,
            sameSite: .strict
        )
    }

    private func signInForm(
        _ request: Request,
        username: String,
        returnTo: String?,
        notice: Notice?,
        status: HTTPStatus
    ) -> Response {
        let token = env.services.generator.newToken()
        let returnField: HTML =
            returnTo.map { env.paths.isInside($0) ? "<input type=\"hidden\" name=\"return\" value=\"\($0)\">" : .empty }
            ?? .empty
        let content: HTML = """
            <h1>Sign in</h1>
            <p class="muted">Sign in to manage API credentials.</p>
            \(notice?.render(spriteURL: env.layout.sprite))
            <form method="post" action="\(env.paths.signIn)" class="form-stack" data-signin>
            \(CSRFCheck.field(token))
            \(returnField)
            <div class="field">
            <label for="username">Username</label>
            <input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" \
            spellcheck="false" required value="\(username)"\(username.isEmpty ? " autofocus" : "")>
            </div>
            <div class="field">
            <label for="password">Password</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required\
            \(username.isEmpty ? "" : " autofocus")>
            </div>
            <button type="submit" class="btn btn-primary btn-block">Sign In</button>
            </form>
            """
        var response = env.bare(title: "Sign In", content: content, status: status)
        if let cookie = try? formCookie(token, for: request, maxAge: 3600) { response.setCookie(cookie) }
        return response
    }

    // MARK: Own password

    private func accountPage(_ request: AdminRequest, error: String? = nil) -> Page {
        let csrf = CSRFCheck.field(request.session.csrfToken)
        return Page(
            title: "Change Password",
            breadcrumbs: [Page.Breadcrumb("My Account"), Page.Breadcrumb("Change Password")],
            notice: error.map { Notice(.error, $0) } ?? Notice.named(request.query["notice"]),
            content: """
                <div class="panel narrow">
                <form method="post" action="\(env.paths.path("/account/password"))" class="form-stack">
                \(csrf)
                <div class="field"><label for="current-password">Current password</label>
                <input id="current-password" name="current_password" type="password" autocomplete="current-password" required></div>
                <div class="field"><label for="new-password">New password</label>
                <input id="new-password" name="new_password" type="password" autocomplete="new-password" minlength="8" required \
                aria-describedby="new-password-help">
                <p class="help" id="new-password-help">At least 8 characters. Your API credentials are not affected.</p></div>
                <div class="field"><label for="confirm-password">Confirm new password</label>
                <input id="confirm-password" name="confirm_password" type="password" autocomplete="new-password" minlength="8" required></div>
                <div class="form-actions"><button type="submit" class="btn btn-primary">Change Password</button></div>
                </form>
                </div>
                """,
            status: error == nil ? .ok : .unprocessableContent
        )
    }

    private func changeOwnPassword(_ request: AdminRequest) throws -> Response {
        let current = request.field("current_password")
        let new = request.field("new_password")
        guard new == request.field("confirm_password") else {
            return env.respond(accountPage(request, error: "The new passwords do not match."), to: request)
        }
        guard try env.management.verifySignIn(username: request.admin.username, password: current) != nil else {
            return env.respond(accountPage(request, error: "Your current password is not correct."), to: request)
        }
        do {
            try env.management.setPassword(adminID: request.admin.id, password: new, context: request.context)
        } catch let error as KeywardError where error.code == .invalidInput {
            return env.respond(accountPage(request, error: error.message), to: request)
        }
        // Every other session of this admin ends; this browser gets a fresh one.
        try env.sessions.endAll(adminID: request.admin.id)
        let (token, _) = try env.sessions.start(
            adminID: request.admin.id,
            clientIP: request.request.clientAddress.description,
            userAgent: request.request.headers["User-Agent"] ?? "",
            previousToken: nil
        )
        var response = env.finished(
            request, location: env.paths.path("/account", query: [("notice", "password-changed")]))
        response.setCookie(try env.sessionCookie(token, for: request.request))
        return response
    }
}
