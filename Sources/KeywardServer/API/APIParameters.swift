import KeywardCore

/// The merged request parameters of an API call (query first, then body; the body wins).
///
/// An empty value counts as absent: one popular Node client always sends
/// `username=&password=&accesskey=`.
public struct APIParameters: Sendable {
    /// Every pair in order, query pairs first.
    public let pairs: [(name: String, value: String)]

    /// Creates parameters from ordered pairs.
    public init(_ pairs: [(name: String, value: String)]) { self.pairs = pairs }

    /// The last non-empty value for a name (PHP's `$_REQUEST` keeps the last one), or `nil`.
    public subscript(_ name: String) -> String? {
        for pair in pairs.reversed() where pair.name == name {
            return pair.value.isEmpty ? nil : pair.value
        }
        return nil
    }

    /// An integer parameter; `nil` when absent, `.some(nil)` when present but not an integer.
    public func integer(_ name: String) -> Int64?? {
        guard let text = self[name] else { return nil }
        return .some(Int64(text.trimmed))
    }

    /// A boolean parameter (`1`, `true`, `yes`, `on`); false when absent.
    public func flag(_ name: String) -> Bool {
        guard let text = self[name]?.lowercased() else { return false }
        return ["1", "true", "yes", "on"].contains(text)
    }

    /// A comma-separated list parameter, trimmed, empty items dropped.
    public func list(_ name: String) -> [String]? {
        guard let text = self[name] else { return nil }
        return text.split(separator: ",").map { $0.trimmed }.filter { !$0.isEmpty }
    }
}
