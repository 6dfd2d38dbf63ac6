import KeywardCore

/// `keyward settings show`: the API security settings (the access key only as set or not).
struct SettingsShowCommand: KeywardCommand {
    static let signature = CommandSignature(name: "show", summary: "Show the API security settings.")

    init(arguments: ParsedArguments) throws {}

    func run(in context: CommandContext) throws {
        let settings = try context.management().securitySettings()
        if context.json {
            context.print(json: .settings(settings))
            return
        }
        var details = DetailList()
        details.append("Legacy API logins", settings.legacyLoginEnabled ? "On" : "Off")
        details.append("API ban threshold", "\(settings.apiBanThreshold) failed authentications")
        details.append("Sign-in ban threshold", "\(settings.signInBanThreshold) failed sign-ins")
        details.append("Ban duration", Display.count(settings.banSeconds, "second"))
        details.append(
            "Ban exemptions",
            settings.banExemptions.isEmpty ? "None" : settings.banExemptions.joined(separator: ", ")
        )
        details.append(
            "Rate limit",
            settings.rateLimitPerSecond == 0
                ? "Unlimited" : "\(settings.rateLimitPerSecond) requests a second per IP"
        )
        details.append("Rate limit burst", String(settings.rateLimitBurst))
        details.append("API access key", settings.hasAccessKey ? "Set" : "Not set")
        context.print(details.rendered())
    }
}
