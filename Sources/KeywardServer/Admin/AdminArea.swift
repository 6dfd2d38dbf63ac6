import KeywardCore
import KeywardHTTP

/// The admin web area at `/admin`: sign-in, Manage API Credentials with its API Roles tab,
/// Administrators, Admin Role Groups, Security Settings and the Activity Log, as server-rendered
/// HTML with a small script, its own stylesheet and icons.
///
/// ```swift
/// let admin = AdminArea(services: services, configuration: AdminArea.Configuration(version: "1.0.0"))
/// var router = Router()
/// admin.register(on: &router)
/// ```
///
/// Every page and action runs deferred, off the HTTP threads. Permissions are checked by the
/// gate for each page and again by ``Management`` in each change's transaction.
public final class AdminArea: Sendable {
    /// The services.
    public let services: Services
    /// The configuration.
    public let configuration: Configuration
    let assets: AssetCatalog

    /// Creates the area and reads its static files.
    public init(services: Services, configuration: Configuration) {
        self.services = services
        self.configuration = configuration
        self.assets = AssetCatalog(configuredDirectory: configuration.assetsDirectory, logger: services.logger)
    }

    /// Registers every `/admin` route on `router` (below the router's prefix, if any), including a
    /// catch-all that answers unknown admin paths with the area's own 404 page.
    public func register(on router: inout Router) {
        let paths = AdminPaths(prefix: router.prefix)
        let env = AdminEnvironment(
            services: services,
            configuration: configuration,
            paths: paths,
            layout: Layout(paths: paths, assets: assets, version: configuration.version),
            assets: assets,
            sessions: AdminSessions(
                store: services.management.store,
                secrets: services.secrets,
                generator: services.generator,
                clock: services.clock,
                idleTimeout: configuration.idleTimeout,
                absoluteTimeout: configuration.absoluteTimeout
            )
        )
        var routes = AdminRoutes(router: router, env: env)
        AssetRoutes(env: env).register(on: &routes)
        SignInController(env: env).register(on: &routes)
        HomeController(env: env).register(on: &routes)
        CredentialsController(env: env).register(on: &routes)
        RolesController(env: env).register(on: &routes)
        AdminsController(env: env).register(on: &routes)
        GroupsController(env: env).register(on: &routes)
        SecurityController(env: env).register(on: &routes)
        ActivityController(env: env).register(on: &routes)
        NotFoundRoutes(env: env).register(on: &routes)
        router = routes.router
    }
}
