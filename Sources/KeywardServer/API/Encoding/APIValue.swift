/// A value in an API response, kept in insertion order so every format prints keys as WHMCS does.
public indirect enum APIValue: Sendable, Hashable {
    /// Text. WHMCS returns most scalars as strings (`"adminid":"1"`).
    case string(String)
    /// A JSON number.
    case int(Int64)
    /// A JSON boolean (`true`/`false`; `1`/`0` in NVP and XML... as WHMCS prints them).
    case bool(Bool)
    /// A nested object, keys in order.
    case object([(String, APIValue)])
    /// A list; in XML each item is wrapped in `element`.
    case list(element: String, [APIValue])

    /// Equality by structure (tuples are compared field by field).
    public static func == (lhs: APIValue, rhs: APIValue) -> Bool {
        switch (lhs, rhs) {
        case (.string(let a), .string(let b)): a == b
        case (.int(let a), .int(let b)): a == b
        case (.bool(let a), .bool(let b)): a == b
        case (.object(let a), .object(let b)): a.map(\.0) == b.map(\.0) && a.map(\.1) == b.map(\.1)
        case (.list(let e1, let a), .list(let e2, let b)): e1 == e2 && a == b
        default: false
        }
    }

    /// Hashes by structure.
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .string(let s): hasher.combine(s)
        case .int(let i): hasher.combine(i)
        case .bool(let b): hasher.combine(b)
        case .object(let pairs):
            for (key, value) in pairs {
                hasher.combine(key)
                hasher.combine(value)
            }
        case .list(let element, let items):
            hasher.combine(element)
            hasher.combine(items)
        }
    }
}

/// What an action answers: success with fields, or an error message (HTTP 200, as WHMCS does for
/// an action's own validation errors).
public enum APIResult: Sendable, Hashable {
    /// `result: success` followed by these fields in order.
    case success([(String, APIValue)])
    /// `result: error` with this message.
    case error(String)

    /// Equality by structure.
    public static func == (lhs: APIResult, rhs: APIResult) -> Bool {
        switch (lhs, rhs) {
        case (.success(let a), .success(let b)): APIValue.object(a) == APIValue.object(b)
        case (.error(let a), .error(let b)): a == b
        default: false
        }
    }

    /// Hashes by structure.
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .success(let pairs): hasher.combine(APIValue.object(pairs))
        case .error(let message): hasher.combine(message)
        }
    }
}
