import KeywardCore
import KeywardHTTP
import KeywardSupport

/// The Security Settings page: the API IP allowlist, the API access key (set or remove; never
/// shown), the legacy username/password switch, bans and rate limits, and lifting sign-in bans.
struct SecurityController: Sendable {
    let env: AdminEnvironment

    private var view: SecurityView { SecurityView(env: env) }
    private var base: String { env.paths.path(AdminSection.security.path) }

    func register(on routes: inout AdminRoutes) {
        let permission = AdminSection.security.permission
        routes.get("/security", permission) { request in try show(request) }
        routes.post("/security/settings", permission) { request in try saveSettings(request) }
        routes.post("/security/allowlist", permission) { request in try addAllowlistEntry(request) }
        routes.post("/security/allowlist/:id/delete", permission) { request in try removeAllowlistEntry(request) }
        routes.post("/security/access-key", permission) { request in try setAccessKey(request) }
        routes.post("/security/access-key/remove", permission) { request in try removeAccessKey(request) }
        routes.post("/security/bans/lift", permission) { request in try liftBan(request) }
    }

    private func model(_ request: AdminRequest) throws -> SecurityView.Model {
        SecurityView.Model(
            settings: try env.management.securitySettings(),
            allowlist: try env.management.allowlist(),
            banned: env.services.bans.banned(now: request.now.timeIntervalSince1970)
        )
    }

    private func show(_ request: AdminRequest) throws -> Response {
        env.respond(view.page(try model(request), request: request), to: request)
    }

    private func done(_ request: AdminRequest, _ notice: String, anchor: String) -> Response {
        env.finished(request, location: env.returnLocation(nil, fallback: base, notice: notice) + "#" + anchor)
    }

    private func saveSettings(_ request: AdminRequest) throws -> Response {
        let exemptionsText = request.field("ban_exemptions")
        let exemptions = exemptionsText.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "," })
            .map { $0.trimmed }.filter { !$0.isEmpty }
        var typed = try env.management.securitySettings()
        do {
            func integer(_ name: String, _ label: String) throws -> Int {
                guard let value = Int(request.field(name).trimmed) else {
                    throw KeywardError.invalidInput("\(label) must be a whole number")
                }
                return value
            }
            guard let minutes = Double(request.field("ban_minutes").trimmed), minutes.isFinite, minutes > 0,
                minutes <= 525_600
            else { throw KeywardError.invalidInput("The ban duration must be a number of minutes") }
            typed.legacyLoginEnabled = request.field("legacy_login") == "1"
            typed.signInBanThreshold = try integer("signin_ban_threshold", "Failed sign-ins before a ban")
            typed.apiBanThreshold = try integer("api_ban_threshold", "Failed API authentications before a ban")
            typed.banSeconds = max(1, Int((minutes * 60).rounded()))
            typed.banExemptions = exemptions
            typed.rateLimitPerSecond = try integer("rate_limit", "Requests per second")
            typed.rateLimitBurst = try integer("rate_burst", "Burst")
            let wanted = typed
            try env.management.updateSecuritySettings(context: request.context) { settings in
                let accessKeyHash = settings.accessKeyHash
                settings = wanted
                settings.accessKeyHash = accessKeyHash
            }
        } catch  where ErrorPresentation.isCorrectable(error) {
            let page = view.page(
                try model(request),
                request: request,
                settingsError: ErrorPresentation(error).message,
                settingsOverride: typed,
                exemptionsText: exemptionsText
            )
            return env.respond(page, to: request)
        }
        return done(request, "settings-saved", anchor: "settings")
    }

    private func addAllowlistEntry(_ request: AdminRequest) throws -> Response {
        let network = request.field("network")
        let note = request.field("note")
        do {
            try env.management.addAllowlistEntry(network, note: note, context: request.context)
        } catch  where ErrorPresentation.isCorrectable(error) {
            let input = SecurityView.AllowlistInput(
                network: network, note: note, error: ErrorPresentation(error).message)
            return env.respond(view.page(try model(request), request: request, allowlist: input), to: request)
        }
        return done(request, "allowlist-added", anchor: "allowlist")
    }

    private func removeAllowlistEntry(_ request: AdminRequest) throws -> Response {
        try env.management.removeAllowlistEntry(id: try request.id(), context: request.context)
        return done(request, "allowlist-removed", anchor: "allowlist")
    }

    private func setAccessKey(_ request: AdminRequest) throws -> Response {
        do {
            try env.management.setAccessKey(request.field("access_key"), context: request.context)
        } catch  where ErrorPresentation.isCorrectable(error) {
            let page = view.page(try model(request), request: request, accessKeyError: ErrorPresentation(error).message)
            return env.respond(page, to: request)
        }
        return done(request, "access-key-set", anchor: "access-key-panel")
    }

    private func removeAccessKey(_ request: AdminRequest) throws -> Response {
        try env.management.setAccessKey(nil, context: request.context)
        return done(request, "access-key-removed", anchor: "access-key-panel")
    }

    private func liftBan(_ request: AdminRequest) throws -> Response {
        guard let address = IPAddress(request.field("ip").trimmed) else {
            throw KeywardError.invalidInput("That is not an IP address")
        }
        env.services.bans.unban(address)
        try env.management.record(
            "signin.ban_lifted",
            target: ("ip", nil, address.description),
            context: request.context
        )
        return done(request, "ban-lifted", anchor: "bans")
    }
}
