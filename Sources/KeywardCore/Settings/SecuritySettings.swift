/// The API security settings an operator can change at run time.
///
/// Stored as key/value settings; the access key only as a keyed hash.
public struct SecuritySettings: Hashable, Sendable, Codable {
    /// Whether admin `username` + MD5(password) API logins are accepted (WHMCS's default: yes).
    public var legacyLoginEnabled: Bool
    /// Failed API authentications from one IP before it is banned.
    public var apiBanThreshold: Int
    /// Failed admin-area sign-ins from one IP before it is banned.
    public var signInBanThreshold: Int
    /// How long a ban lasts, in seconds.
    public var banSeconds: Int
    /// IPs or ranges never banned, as canonical CIDR texts.
    public var banExemptions: [String]
    /// API requests one client IP may make per second (0 = unlimited).
    public var rateLimitPerSecond: Int
    /// The burst a client may spend above the steady rate.
    public var rateLimitBurst: Int
    /// The keyed hash (hex) of the API access key, or empty when no access key is set.
    public var accessKeyHash: String

    /// Creates settings.
    public init(
        legacyLoginEnabled: Bool = true,
        apiBanThreshold: Int = 20,
        signInBanThreshold: Int = 3,
        banSeconds: Int = 900,
        banExemptions: [String] = [],
        rateLimitPerSecond: Int = 0,
        rateLimitBurst: Int = 100,
        accessKeyHash: String = ""
    ) {
        self.legacyLoginEnabled = legacyLoginEnabled
        self.apiBanThreshold = apiBanThreshold
        self.signInBanThreshold = signInBanThreshold
        self.banSeconds = banSeconds
        self.banExemptions = banExemptions
        self.rateLimitPerSecond = rateLimitPerSecond
        self.rateLimitBurst = rateLimitBurst
        self.accessKeyHash = accessKeyHash
    }

    /// Whether an access key is configured.
    public var hasAccessKey: Bool { !accessKeyHash.isEmpty }
}
