import FoundationEssentials

/// A named set of allowed API actions.
///
/// Credentials hold roles; a request is allowed when any of its credential's roles allows the
/// action. Action names are stored lower-cased, so comparisons are case-insensitive.
public struct APIRole: Hashable, Sendable, Codable, Identifiable {
    /// The database id; `0` before the role is stored.
    public var id: Int64
    /// The unique name (unique case-insensitively).
    public var name: String
    /// An optional description; empty when none was given.
    public var description: String
    /// The allowed action names, lower-cased.
    public private(set) var allowedActions: Set<String>
    /// When the role was created.
    public var createdAt: Date
    /// When the role last changed.
    public var updatedAt: Date

    /// Creates a role value; action names are lower-cased.
    public init(
        id: Int64 = 0,
        name: String,
        description: String = "",
        allowedActions: some Sequence<String>,
        createdAt: Date,
        updatedAt: Date
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.allowedActions = Set(allowedActions.map { $0.lowercased() })
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// Replaces the allowed actions; names are lower-cased.
    public mutating func setAllowedActions(_ actions: some Sequence<String>) {
        allowedActions = Set(actions.map { $0.lowercased() })
    }

    /// Whether the role allows an action, compared case-insensitively.
    public func allows(_ action: String) -> Bool { allowedActions.contains(action.lowercased()) }

    /// The allowed actions in a stable order.
    public var sortedActions: [String] { allowedActions.sorted() }
}
