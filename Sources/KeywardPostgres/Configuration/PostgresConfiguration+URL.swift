import KeywardCore

extension PostgresConfiguration {
    /// Parses `postgres://user:password@host:port/database?sslmode=…&schema=…`.
    ///
    /// Every part is percent-decoded after the URL is split, so a password may hold any character
    /// (`p%40ss%3Aw%2Frd` is `p@ss:w/rd`). The host may be a name, an IPv4 address, an IPv6
    /// address in brackets, or a percent-encoded Unix socket directory (`%2Fvar%2Frun%2Fpostgresql`);
    /// query parameters `host`, `port`, `user`, `password` and `dbname` override the URL's parts,
    /// as in libpq. Keyward's own parameters: `schema` (default `public`), `pool_size` (default
    /// 10), `statement_timeout` (milliseconds, default 5000) and `connect_timeout` (seconds, default
    /// 5). Other parameters must be libpq connection keywords from ``libpqOptions``.
    ///
    /// - Throws: `invalidInput` naming what is wrong; no message repeats the password.
    public init(url: String) throws {
        let text = url.trimmed
        let lower = text.lowercased()
        let schemes = ["postgres://", "postgresql://"]
        guard let scheme = schemes.first(where: { lower.hasPrefix($0) }) else {
            throw KeywardError.invalidInput("A PostgreSQL URL starts with postgres:// or postgresql://")
        }
        var rest = Substring(text.dropFirst(scheme.count))
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }

        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        var path: Substring = ""
        if let slash = rest.firstIndex(of: "/") {
            path = rest[rest.index(after: slash)...]
            rest = rest[..<slash]
        }
        var authority = rest
        self.init()

        // The user information ends at the last "@": an unencoded "@" in a password would be
        // ambiguous, so it must be percent-encoded, but the last "@" is the only sensible split.
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            authority = authority[authority.index(after: at)...]
            if let colon = userInfo.firstIndex(of: ":") {
                user = try Self.decode(userInfo[..<colon], part: "user name")
                password = try Self.decode(userInfo[userInfo.index(after: colon)...], part: "password")
            } else {
                user = try Self.decode(userInfo, part: "user name")
            }
            if user?.isEmpty == true { user = nil }
        }

        let (hostText, portText) = try Self.splitHostAndPort(authority)
        if !hostText.isEmpty { host = try Self.decode(hostText, part: "host") }
        if let portText { port = try Self.port(portText) }
        if !path.isEmpty { database = try Self.decode(path, part: "database name") }

        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = try Self.decode(parts[0], part: "parameter name")
            let value = try Self.decode(parts.count > 1 ? parts[1] : "", part: "value of \(key)")
            try apply(key: key, value: value)
        }
        try validate()
    }

    private mutating func apply(key: String, value: String) throws {
        switch key {
        case "host": host = value.isEmpty ? nil : value
        case "port": port = try Self.port(Substring(value))
        case "user": user = value.isEmpty ? nil : value
        case "password": password = value
        case "dbname": database = value.isEmpty ? nil : value
        case "schema": schema = value
        case "pool_size": poolSize = try Self.integer(value, name: key)
        case "statement_timeout": statementTimeoutMilliseconds = try Self.integer(value, name: key)
        case "connect_timeout": connectTimeoutSeconds = try Self.integer(value, name: key)
        default:
            guard Self.libpqOptions.contains(key) else {
                throw KeywardError.invalidInput("Unknown PostgreSQL URL parameter \"\(key)\"")
            }
            options[key] = value
        }
    }

    /// Splits `host:port`, `[v6]:port`, `host` or `:port`.
    private static func splitHostAndPort(_ authority: Substring) throws -> (Substring, Substring?) {
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else {
                throw KeywardError.invalidInput("The PostgreSQL URL has an IPv6 address without its closing \"]\"")
            }
            let host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.isEmpty { return (host, nil) }
            guard after.hasPrefix(":") else {
                throw KeywardError.invalidInput("The PostgreSQL URL has text after its IPv6 address")
            }
            return (host, after.dropFirst())
        }
        if authority.contains(",") {
            throw KeywardError.invalidInput("Keyward takes one PostgreSQL host per URL, not a list")
        }
        if let colon = authority.lastIndex(of: ":") {
            return (authority[..<colon], authority[authority.index(after: colon)...])
        }
        return (authority, nil)
    }

    private static func port(_ text: Substring) throws -> Int? {
        if text.isEmpty { return nil }
        guard let value = Int(text), (1...65_535).contains(value) else {
            throw KeywardError.invalidInput("The PostgreSQL port must be a number from 1 to 65535")
        }
        return value
    }

    private static func integer(_ text: String, name: String) throws -> Int {
        guard let value = Int(text) else {
            throw KeywardError.invalidInput("The PostgreSQL \(name) must be a whole number")
        }
        return value
    }

    private static func decode(_ text: Substring, part: String) throws -> String {
        guard let decoded = PercentEncoding.decode(text) else {
            throw KeywardError.invalidInput(
                "The PostgreSQL URL's \(part) has a malformed percent escape or is not UTF-8")
        }
        return decoded
    }
}
