import KeywardCore

/// `keyward settings set`: changes API security settings; options not given stay as they are.
struct SettingsSetCommand: KeywardCommand {
    static let signature = CommandSignature(
        name: "set",
        summary: "Change API security settings.",
        discussion:
            "Options not given keep their values. The access key is set with 'keyward access-key set'.",
        options: [
            .value("legacy-login", "on|off", help: "Accept admin username + MD5(password) API logins."),
            .value(
                "api-ban-threshold", "n", help: "Failed API authentications from one IP before a ban."),
            .value(
                "sign-in-ban-threshold", "n", help: "Failed admin-area sign-ins from one IP before a ban."),
            .value("ban-seconds", "n", help: "How long a ban lasts, in seconds."),
            .list(
                "ban-exemption", "cidr", help: "IPs or ranges never banned, replacing the current list."),
            .flag("no-ban-exemptions", help: "Remove every ban exemption."),
            .value("rate-limit", "n", help: "API requests a second per client IP; 0 for unlimited."),
            .value("rate-burst", "n", help: "Requests a client may make above the steady rate."),
        ]
    )

    let legacyLogin: Bool?
    let apiBanThreshold: Int?
    let signInBanThreshold: Int?
    let banSeconds: Int?
    let banExemptions: [String]?
    let rateLimit: Int?
    let rateBurst: Int?

    init(arguments: ParsedArguments) throws {
        legacyLogin = try arguments.toggle("legacy-login")
        apiBanThreshold = try arguments.integer("api-ban-threshold", in: 1...1_000_000)
        signInBanThreshold = try arguments.integer("sign-in-ban-threshold", in: 1...1_000_000)
        banSeconds = try arguments.integer("ban-seconds", in: 1...31_536_000)
        rateLimit = try arguments.integer("rate-limit", in: 0...1_000_000)
        rateBurst = try arguments.integer("rate-burst", in: 1...1_000_000)
        switch (arguments.has("ban-exemption"), arguments.flag("no-ban-exemptions")) {
        case (true, true): throw UsageError("give '--ban-exemption' or '--no-ban-exemptions', not both")
        case (true, false): banExemptions = arguments.values("ban-exemption")
        case (false, true): banExemptions = []
        case (false, false): banExemptions = nil
        }
        let given = [
            legacyLogin != nil, apiBanThreshold != nil, signInBanThreshold != nil, banSeconds != nil,
            banExemptions != nil, rateLimit != nil, rateBurst != nil,
        ]
        guard given.contains(true) else {
            throw UsageError("nothing to change; give at least one option")
        }
    }

    func run(in context: CommandContext) throws {
        let settings = try context.management().updateSecuritySettings(context: context.audit) {
            settings in
            if let legacyLogin { settings.legacyLoginEnabled = legacyLogin }
            if let apiBanThreshold { settings.apiBanThreshold = apiBanThreshold }
            if let signInBanThreshold { settings.signInBanThreshold = signInBanThreshold }
            if let banSeconds { settings.banSeconds = banSeconds }
            if let banExemptions { settings.banExemptions = banExemptions }
            if let rateLimit { settings.rateLimitPerSecond = rateLimit }
            if let rateBurst { settings.rateLimitBurst = rateBurst }
        }
        if context.json {
            context.print(json: .settings(settings))
        } else {
            context.print("Updated the API security settings.")
        }
    }
}
