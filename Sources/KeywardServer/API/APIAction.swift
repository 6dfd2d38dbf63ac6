import KeywardCore

/// One parameter an action reads, for the catalog and documentation.
public struct ActionParameter: Sendable, Hashable {
    /// The parameter's name.
    public var name: String
    /// Whether the action fails without it.
    public var isRequired: Bool
    /// What it means.
    public var summary: String

    /// Creates a parameter description.
    public init(_ name: String, required: Bool = false, _ summary: String) {
        self.name = name
        self.isRequired = required
        self.summary = summary
    }
}

/// An API action: a name, its catalog entry, the parameters it reads, and a handler.
///
/// Handlers answer ``APIResult/error(_:)`` for their own validation and business errors (HTTP 200,
/// as WHMCS does). Handlers that write to the database say so with ``isSlow`` and run off the
/// HTTP threads.
public protocol APIAction: Sendable {
    /// The canonical name, such as `GetAdminDetails`.
    var name: String { get }
    /// The role editor's category.
    var category: String { get }
    /// One sentence on what the action does.
    var summary: String { get }
    /// The parameters it reads.
    var parameters: [ActionParameter] { get }
    /// Whether the handler does slow work (a database write) and must not run on an HTTP thread.
    var isSlow: Bool { get }
    /// Whether the answer depends only on the caller's admin, the in-memory index and the current
    /// second, never on the parameters, so it may be reused within that second and index
    /// generation.
    var isCacheable: Bool { get }
    /// Runs the action for an authenticated and authorized call.
    func run(_ call: APICall) -> APIResult
}

extension APIAction {
    /// The catalog entry.
    public var descriptor: ActionDescriptor { ActionDescriptor(name: name, category: category, summary: summary) }
    /// Most actions only read memory.
    public var isSlow: Bool { false }
    /// Most answers depend on the parameters.
    public var isCacheable: Bool { false }
}
