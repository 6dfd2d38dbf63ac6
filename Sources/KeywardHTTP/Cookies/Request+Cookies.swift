extension Request {
    /// The cookies the client sent, by name; when a name occurs more than once, the first wins (browsers send
    /// the cookie with the most specific path first).
    ///
    /// Values are returned as sent, without percent-decoding; surrounding double quotes are removed. Malformed
    /// pairs are skipped.
    public var cookies: [String: String] {
        var cookies: [String: String] = [:]
        for header in headers.values(for: "Cookie") {
            for pair in header.split(separator: ";") {
                guard let equals = pair.firstIndex(of: "=") else { continue }
                let name = pair[..<equals].trimmingSpaces
                var value = pair[pair.index(after: equals)...].trimmingSpaces
                guard !name.isEmpty else { continue }
                if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                    value = value.dropFirst().dropLast()
                }
                if cookies[String(name)] == nil {
                    cookies[String(name)] = String(value)
                }
            }
        }
        return cookies
    }

    /// The value of the cookie `name`, or `nil`; see ``cookies``.
    public func cookie(_ name: String) -> String? {
        cookies[name]
    }
}
