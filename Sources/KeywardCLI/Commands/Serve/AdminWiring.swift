import KeywardHTTP
import KeywardServer
import KeywardSupport

/// Adds the admin area's routes to the server.
enum AdminWiring {
    static func register(
        on router: inout Router,
        endpoint: APIEndpoint,
        secureCookies: Bool,
        apiPath: String,
        logger: Logger
    ) {
        router.get("/") { _ in Response.redirect(to: "/admin") }
    }
}
