/// The values that a matched route pattern captured, by name.
///
/// For `/users/:id` matching `/users/42`, `parameters["id"]` is `"42"`. A trailing `*` captures the rest of the
/// path under the name `*` (also available as ``wildcard``). Values are percent-decoded.
public struct RouteParameters: Sendable, Hashable {
    private var storage: [(name: String, value: String)]

    /// Creates an empty set of parameters.
    public init() {
        storage = []
    }

    /// Creates parameters from name-value pairs.
    public init(_ pairs: [(String, String)]) {
        storage = pairs.map { (name: $0.0, value: $0.1) }
    }

    /// The value captured for `name`, or `nil`.
    public subscript(name: String) -> String? {
        storage.first { $0.name == name }?.value
    }

    /// The rest of the path captured by a trailing `*`, or `nil`.
    public var wildcard: String? {
        self["*"]
    }

    /// Whether nothing was captured.
    public var isEmpty: Bool {
        storage.isEmpty
    }

    /// The names of the captured values, in pattern order.
    public var names: [String] {
        storage.map(\.name)
    }

    /// Compares names and values in order.
    public static func == (lhs: RouteParameters, rhs: RouteParameters) -> Bool {
        lhs.storage.elementsEqual(rhs.storage) { $0.name == $1.name && $0.value == $1.value }
    }

    /// Hashes names and values in order.
    public func hash(into hasher: inout Hasher) {
        for entry in storage {
            hasher.combine(entry.name)
            hasher.combine(entry.value)
        }
    }
}
