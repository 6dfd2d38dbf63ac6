import FoundationEssentials
import KeywardCore
import KeywardHTTP
import KeywardSupport

/// Everything the admin area's controllers share: the services, the configuration, the area's
/// URLs, the layout and the sessions. Built once when the area is registered on a router.
struct AdminEnvironment: Sendable {
    /// The domain services.
    let services: AdminArea.Services
    /// The configuration.
    let configuration: AdminArea.Configuration
    /// The area's URLs.
    let paths: AdminPaths
    /// The page chrome.
    let layout: Layout
    /// The static files.
    let assets: AssetCatalog
    /// Sessions in the store.
    let sessions: AdminSessions

    /// The domain operations.
    var management: Management { services.management }
    /// The in-memory index.
    var index: AuthIndex { services.index }
    /// The log.
    var logger: Logger { services.logger }

    /// Whether cookies set in answer to a request are marked `Secure`: always when configured,
    /// otherwise when a trusted proxy says the client used HTTPS.
    func secureCookies(for request: Request) -> Bool {
        configuration.secureCookies || request.isForwardedSecure
    }

    /// The session cookie for a token.
    func sessionCookie(_ token: String, for request: Request) throws -> Cookie {
        try Cookie(
            name: configuration.cookieName,
            value: token,
            path: paths.cookiePath,
            secure: secureCookies(for: request),
            httpOnly: true,
            sameSite: .strict
        )
    }

    /// The cookie that deletes the session cookie.
    func expiredSessionCookie(for request: Request) throws -> Cookie {
        try Cookie(
            name: configuration.cookieName,
            value: "",
            path: paths.cookiePath,
            maxAge: 0,
            secure: secureCookies(for: request),
            httpOnly: true,
            sameSite: .strict
        )
    }

    /// The signed-in admin and its group: from the in-memory index, or from the store when the
    /// index does not know them yet.
    func adminAndGroup(id: Int64) throws -> (Admin, AdminGroup?)? {
        if let admin = index.admin(id: id), let group = index.group(id: admin.groupID) {
            return (admin, group)
        }
        return try management.store.read { tx -> (Admin, AdminGroup?)? in
            guard let admin = try tx.admin(id: id) else { return nil }
            return (admin, try tx.group(id: admin.groupID))
        }
    }

    /// Where to go after an action: the list the admin came from (checked to be inside the area),
    /// or `fallback`, with a notice code replacing any earlier one.
    func returnLocation(_ returnTo: String?, fallback: String, notice: String) -> String {
        let target = paths.safeReturn(returnTo, fallback: fallback)
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        var query =
            parts.count > 1 ? parts[1].split(separator: "&").filter { !$0.hasPrefix("notice=") }.map(String.init) : []
        query.append("notice=" + AdminPaths.encode(notice))
        return String(parts[0]) + "?" + query.joined(separator: "&")
    }

    /// A credential by id (a store read: Management looks credentials up by identifier first).
    func credential(id: Int64) throws -> APICredential {
        guard let credential = try management.store.read({ tx in try tx.credential(id: id) }) else {
            throw KeywardError.notFound("API credential \(id) not found")
        }
        return credential
    }

    /// An admin role group by id.
    func group(id: Int64) throws -> AdminGroup {
        guard let group = try management.store.read({ tx in try tx.group(id: id) }) else {
            throw KeywardError.notFound("Admin role group \(id) not found")
        }
        return group
    }

    // MARK: Answers

    /// A page for a signed-in admin: the whole document, or only its content when the script
    /// asked for a fragment.
    func respond(_ page: Page, to request: AdminRequest) -> Response {
        let html = request.wantsFragment ? layout.fragment(page) : layout.document(page, viewer: request.viewer)
        var response = Response.html(html.rendered, status: page.status)
        SecurityHeaders.apply(to: &response)
        return response
    }

    /// The answer to a finished action: a redirect (303) for a form post; for the script, 204 with
    /// the page to go to in `X-Keyward-Location`.
    func finished(_ request: AdminRequest, location: String) -> Response {
        var response: Response
        if request.wantsFragment {
            response = Response(status: .noContent, headers: ["X-Keyward-Location": location])
        } else {
            response = Response.redirect(to: location)
        }
        SecurityHeaders.apply(to: &response)
        return response
    }

    /// A page without the top bar (sign-in, ban, errors before sign-in).
    func bare(title: String, content: HTML, status: HTTPStatus = .ok) -> Response {
        var response = Response.html(layout.bareDocument(title: title, content: content).rendered, status: status)
        SecurityHeaders.apply(to: &response)
        return response
    }

    /// The error page for a signed-in admin.
    func errorPage(_ error: any Error, for request: AdminRequest) -> Response {
        let presentation = ErrorPresentation(error)
        log(presentation, error, request.request)
        return respond(errorPage(presentation), to: request)
    }

    /// The error answer before an admin is known.
    func bareError(_ error: any Error, for request: Request) -> Response {
        let presentation = ErrorPresentation(error)
        log(presentation, error, request)
        let content: HTML = """
            <h1>\(presentation.title)</h1>
            <p>\(presentation.message)</p>
            <p><a class="btn btn-primary" href="\(paths.signIn)">Go to the sign-in page</a></p>
            """
        return bare(title: presentation.title, content: content, status: presentation.status)
    }

    /// A page that shows an error.
    func errorPage(_ presentation: ErrorPresentation) -> Page {
        Page(
            title: presentation.title,
            content: """
                <div class="panel error-panel">
                <div class="error-code">\(presentation.status.code)</div>
                <p class="lead">\(presentation.message)</p>
                <p><a class="btn btn-default" href="\(paths.home)">Back to the dashboard</a></p>
                </div>
                """,
            status: presentation.status
        )
    }

    /// The 403 page for a page the admin's group does not allow.
    func forbiddenPage(_ permission: Permission) -> Page {
        Page(
            title: "Access Denied",
            content: """
                <div class="panel error-panel">
                <div class="error-code">403</div>
                <p class="lead">You do not have permission to access this page.</p>
                <p>It needs the “\(permission.name)” permission, which your admin role group does not grant. \
                Ask an administrator who can configure administrators to grant it.</p>
                <p><a class="btn btn-default" href="\(paths.home)">Back to the dashboard</a></p>
                </div>
                """,
            status: .forbidden
        )
    }

    private func log(_ presentation: ErrorPresentation, _ error: any Error, _ request: Request) {
        guard presentation.isServerFault else { return }
        var metadata = [
            "route": request.route ?? "-", "request_id": request.requestID, "status": "\(presentation.status.code)",
        ]
        if let error = error as? KeywardError {
            metadata["error"] = error.description
            if let cause = error.cause { metadata["cause"] = "\(type(of: cause))" }
        } else {
            metadata["error"] = "\(type(of: error))"
        }
        logger.error("admin request failed", metadata: metadata)
    }
}
