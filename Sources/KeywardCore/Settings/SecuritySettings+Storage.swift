extension SecuritySettings {
    /// The setting keys, as stored by ``StoreTransaction/setSetting(_:to:)``.
    enum Key {
        static let legacyLogin = "api.legacy_login"
        static let apiBanThreshold = "api.ban_threshold"
        static let signInBanThreshold = "signin.ban_threshold"
        static let banSeconds = "ban.seconds"
        static let banExemptions = "ban.exemptions"
        static let rateLimit = "api.rate_limit_per_second"
        static let rateBurst = "api.rate_limit_burst"
        static let accessKeyHash = "api.access_key_hash"
    }

    /// Reads settings from stored key/value pairs; missing or malformed values keep their defaults.
    public init(stored: [String: String]) {
        self.init()
        if let value = stored[Key.legacyLogin] { legacyLoginEnabled = value == "1" || value == "true" }
        if let value = stored[Key.apiBanThreshold].flatMap(Int.init) { apiBanThreshold = value }
        if let value = stored[Key.signInBanThreshold].flatMap(Int.init) { signInBanThreshold = value }
        if let value = stored[Key.banSeconds].flatMap(Int.init) { banSeconds = value }
        if let value = stored[Key.banExemptions] {
            banExemptions = value.split(separator: ",").map { $0.trimmed }.filter { !$0.isEmpty }
        }
        if let value = stored[Key.rateLimit].flatMap(Int.init) { rateLimitPerSecond = value }
        if let value = stored[Key.rateBurst].flatMap(Int.init) { rateLimitBurst = value }
        if let value = stored[Key.accessKeyHash] { accessKeyHash = value }
    }

    /// The settings as key/value pairs to store.
    public var stored: [String: String] {
        [
            Key.legacyLogin: legacyLoginEnabled ? "1" : "0",
            Key.apiBanThreshold: String(apiBanThreshold),
            Key.signInBanThreshold: String(signInBanThreshold),
            Key.banSeconds: String(banSeconds),
            Key.banExemptions: banExemptions.joined(separator: ","),
            Key.rateLimit: String(rateLimitPerSecond),
            Key.rateBurst: String(rateLimitBurst),
            Key.accessKeyHash: accessKeyHash,
        ]
    }
}
