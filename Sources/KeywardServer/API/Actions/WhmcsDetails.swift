import KeywardCore

/// `WhmcsDetails`: the server's version. Keyward reports its own.
public struct WhmcsDetails: APIAction {
    /// Creates the action.
    public init() {}
    /// The canonical name.
    public var name: String { "WhmcsDetails" }
    /// The role editor's category.
    public var category: String { "System" }
    /// What the action does.
    public var summary: String { "Obtain details pertaining to the current installation" }
    /// It reads no parameters.
    public var parameters: [ActionParameter] { [] }
    /// The answer depends only on the admin, the index and the second.
    public var isCacheable: Bool { true }

    /// Answers `whmcs: {version, canonicalversion, product}`.
    public func run(_ call: APICall) -> APIResult {
        .success([("whmcs", Self.versionObject(call.version))])
    }

    /// The `whmcs` object that `GetAdminDetails` and `WhmcsDetails` share.
    static func versionObject(_ version: String) -> APIValue {
        .object([
            ("version", .string(version)),
            ("canonicalversion", .string("\(version)-release.1")),
            ("product", .string("Keyward")),
        ])
    }
}
