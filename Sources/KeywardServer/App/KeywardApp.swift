import FoundationEssentials
import KeywardCore
import KeywardHTTP
import KeywardSupport

/// The composition root of a Keyward server: the API endpoint, the admin area, the background
/// upkeep and the router that serves them.
///
/// Build it with a ``Management`` and an ``AuthIndex`` over the same store; the app hooks the index
/// to every committed write so a revoked credential fails on the very next request on this node.
public final class KeywardApp: Sendable {
    /// Settings of the app itself (the HTTP server's own limits live in
    /// `HTTPServer.Configuration`).
    public struct Configuration: Sendable {
        /// A path prefix in front of `/includes/api.php` (such as `/billing`); empty for none.
        public var apiPathPrefix: String
        /// The request-body parser and its limits.
        public var formParser: FormParser
        /// How often background upkeep runs.
        public var maintenance: Maintenance.Intervals

        /// The defaults.
        public init(
            apiPathPrefix: String = "",
            formParser: FormParser = FormParser(),
            maintenance: Maintenance.Intervals = Maintenance.Intervals()
        ) {
            self.apiPathPrefix = apiPathPrefix
            self.formParser = formParser
            self.maintenance = maintenance
        }

        /// The API path, with its prefix.
        public var apiPath: String {
            var prefix = apiPathPrefix
            while prefix.hasSuffix("/") { prefix.removeLast() }
            if !prefix.isEmpty && !prefix.hasPrefix("/") { prefix = "/" + prefix }
            return prefix + "/includes/api.php"
        }
    }

    /// Domain operations, hooked to the index.
    public let management: Management
    /// The in-memory authentication index.
    public let index: AuthIndex
    /// The WHMCS endpoint.
    public let endpoint: APIEndpoint
    /// Background upkeep.
    public let maintenance: Maintenance
    /// Every route.
    public let router: Router
    /// The app's settings.
    public let configuration: Configuration
    private let logger: Logger

    /// Builds the app and loads the index. Extra routes (the admin area) are added by `routes`.
    public init(
        management: Management,
        index: AuthIndex,
        registry: ActionRegistry = .builtIn,
        configuration: Configuration = Configuration(),
        logger: Logger,
        routes: (inout Router, APIEndpoint) -> Void = { _, _ in }
    ) throws {
        let store = management.store
        let hooked = management.withAfterCommit { [logger] in
            do {
                try index.catchUp(from: store)
            } catch {
                // The periodic follower retries; log once here so the operator sees why.
                logger.error("index update after commit failed", metadata: ["error": "\(error)"])
            }
        }
        try index.catchUp(from: store)
        self.management = hooked
        self.index = index
        self.configuration = configuration
        self.logger = logger
        let endpoint = APIEndpoint(
            services: APIEndpoint.Services(
                index: index,
                management: hooked,
                registry: registry,
                version: Keyward.version,
                legacyLogins: LegacyLoginCache(hasher: hooked.secrets),
                logger: logger
            )
        )
        self.endpoint = endpoint
        self.maintenance = Maintenance(endpoint: endpoint, intervals: configuration.maintenance, logger: logger)

        var router = Router()
        APIRoute(endpoint: endpoint, parser: configuration.formParser).register(
            on: &router, path: configuration.apiPath)
        router.get("/healthz") { [index] _ in
            Response.text("ok seq=\(index.seq) credentials=\(index.credentialCount)\n")
        }
        routes(&router, endpoint)
        self.router = router
    }

    /// Starts the background upkeep.
    public func start() { maintenance.start() }

    /// Stops the upkeep and writes what is pending (call after the HTTP server drained).
    public func stop() { maintenance.stop() }
}
