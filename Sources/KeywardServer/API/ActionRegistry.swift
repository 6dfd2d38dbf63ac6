import KeywardCore

/// The API actions the server can run, looked up case-insensitively; the action catalog is made
/// from it.
public struct ActionRegistry: Sendable {
    private let byKey: [String: any APIAction]

    /// Creates a registry; a later action with the same (case-insensitive) name replaces an earlier
    /// one.
    public init(_ actions: [any APIAction]) {
        var byKey: [String: any APIAction] = [:]
        for action in actions { byKey[action.name.lowercased()] = action }
        self.byKey = byKey
    }

    /// The built-in actions: WHMCS's admin actions and Keyward's credential management.
    public static let builtIn = ActionRegistry([
        GetAdminDetails(),
        GetAdminUsers(),
        WhmcsDetails(),
        ListApiCredentials(),
        GenerateApiCredential(),
        UpdateApiCredential(),
        DeleteApiCredential(),
        ListApiRoles(),
    ])

    /// The action with this lower-cased name.
    public func action(forKey key: String) -> (any APIAction)? { byKey[key] }

    /// The catalog entries, by category then name.
    public var catalog: [ActionDescriptor] {
        byKey.values.map(\.descriptor).sorted { ($0.category, $0.name) < ($1.category, $1.name) }
    }
}
