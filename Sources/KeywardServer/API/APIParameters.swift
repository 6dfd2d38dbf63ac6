import KeywardCore
import KeywardHTTP

/// The merged request parameters of an API call (query first, then body; the body wins).
///
/// An empty value counts as absent: one popular Node client always sends
/// `username=&password=&accesskey=`.
public struct APIParameters: Sendable {
    private let form: FormData

    /// Wraps parsed form data (no copy: the request path stays allocation-light).
    public init(_ form: FormData) { self.form = form }

    /// Creates parameters from ordered pairs.
    public init(_ pairs: [(name: String, value: String)]) {
        self.form = FormData(pairs.map { FormData.Field(name: $0.name, value: $0.value) })
    }

    /// Every pair in order, query pairs first.
    public var pairs: [(name: String, value: String)] { form.fields.map { ($0.name, $0.value) } }

    /// Whether a parameter was sent at all, even empty.
    public func isPresent(_ name: String) -> Bool { form[name] != nil }

    /// The value for a name, the last one winning (PHP's `$_REQUEST`), or `nil` when absent or
    /// empty.
    public subscript(_ name: String) -> String? {
        guard let value = form[name], !value.isEmpty else { return nil }
        return value
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
