import KeywardCore
import KeywardHTTP

/// The dashboard: a tile for every page the admin may open, with a few counts.
struct HomeController: Sendable {
    let env: AdminEnvironment

    func register(on routes: inout AdminRoutes) {
        let home = env.paths.home
        routes.open(.get, "") { _ in
            var response = Response.redirect(to: home, status: .found)
            SecurityHeaders.apply(to: &response)
            return .response(response)
        }
        routes.get("/", nil) { request in try env.respond(dashboard(request), to: request) }
    }

    private func dashboard(_ request: AdminRequest) throws -> Page {
        let sections = AdminSection.allCases.filter { request.can($0.permission) }
        var stats: [HTML] = []
        if request.can(.manageAPICredentials) {
            let total = try env.management.credentials(matching: CredentialQuery(limit: 0)).total
            let roles = try env.management.roles().count
            stats.append(stat(total, total == 1 ? "API credential" : "API credentials"))
            stats.append(stat(roles, roles == 1 ? "API role" : "API roles"))
        }
        if request.can(.configureAdministrators) {
            let admins = try env.management.admins()
            stats.append(stat(admins.filter { !$0.isDisabled }.count, "active administrators"))
        }
        let tiles: [HTML] = sections.map { section in
            """
            <a class="tile" href="\(env.paths.path(section.path))">
            <span class="tile-icon">\(env.layout.icon(section.icon))</span>
            <span class="tile-text"><span class="tile-title">\(section.title)</span>
            <span class="tile-summary">\(section.summary)</span></span>
            </a>
            """
        }
        let content: HTML
        if sections.isEmpty {
            content = """
                <div class="panel empty-state">
                <p class="lead">Welcome, \(request.admin.fullName).</p>
                <p>Your admin role group does not grant access to any of Keyward's configuration pages. \
                Ask an administrator if you need access.</p>
                </div>
                """
        } else {
            let statsBlock: HTML = stats.isEmpty ? .empty : "<div class=\"stats\">\(stats)</div>"
            content = """
                <p class="lead">Welcome back, \(request.admin.fullName).</p>
                \(statsBlock)
                <h2 class="section-title">Configuration</h2>
                <div class="tiles">\(tiles)</div>
                """
        }
        return Page(
            title: "Dashboard",
            notice: Notice.named(request.query["notice"]),
            content: content
        )
    }

    private func stat(_ value: Int, _ label: String) -> HTML {
        "<div class=\"stat\"><span class=\"stat-value\">\(value)</span><span class=\"stat-label\">\(label)</span></div>"
    }
}
