import KeywardHTTP
import KeywardServer
import KeywardSupport

/// Adds the admin area's routes to the server, sharing the API's hooked `Management` and index so
/// a change made in the browser reaches the API on the very next request.
enum AdminWiring {
    static func register(
        on router: inout Router,
        endpoint: APIEndpoint,
        secureCookies: Bool,
        apiPath: String,
        logger: Logger
    ) {
        let area = AdminArea(
            services: AdminArea.Services(
                management: endpoint.services.management,
                index: endpoint.services.index,
                bans: BanList(),
                logger: logger
            ),
            configuration: AdminArea.Configuration(
                secureCookies: secureCookies,
                apiPath: apiPath,
                version: Keyward.version
            )
        )
        area.register(on: &router)
        router.get("/") { _ in Response.redirect(to: "/admin") }
    }
}
