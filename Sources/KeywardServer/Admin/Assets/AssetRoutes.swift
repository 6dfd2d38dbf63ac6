import KeywardHTTP

/// `GET /admin/assets/:name`: the stylesheet, the script and the icons, from memory. Public (the
/// sign-in page needs them) and answered on the HTTP thread.
struct AssetRoutes: Sendable {
    let env: AdminEnvironment

    func register(on routes: inout AdminRoutes) {
        let assets = env.assets
        routes.open(.get, "/assets/:name") { request in
            var response = assets.respond(to: request, name: request.parameters["name"] ?? "")
            SecurityHeaders.apply(to: &response, isPage: false)
            return .response(response)
        }
    }
}
