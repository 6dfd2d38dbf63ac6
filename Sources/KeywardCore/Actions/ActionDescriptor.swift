/// An entry of the action catalog: an API action the server can run.
///
/// The server registers its actions; the role editor groups them by ``category``.
public struct ActionDescriptor: Hashable, Sendable, Codable {
    /// The canonical name, such as `GetAdminDetails`. Matched case-insensitively.
    public var name: String
    /// The role editor's group, such as `System` or `Authentication`.
    public var category: String
    /// One sentence on what the action does.
    public var summary: String

    /// Creates a catalog entry.
    public init(name: String, category: String, summary: String) {
        self.name = name
        self.category = category
        self.summary = summary
    }

    /// The lower-cased name that roles store.
    public var key: String { name.lowercased() }
}
