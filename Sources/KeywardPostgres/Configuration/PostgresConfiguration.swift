import KeywardCore

/// Where and how ``PostgresStore`` connects, usually parsed from a `postgres://` URL.
///
/// ```swift
/// let configuration = try PostgresConfiguration(
///     url: "postgres://keyward:p%40ss@db.internal:5432/keyward?sslmode=verify-full&pool_size=16")
/// ```
///
/// The password is kept only to hand it to libpq; ``description`` and ``displayName`` leave it
/// out, and it never appears in an error message.
public struct PostgresConfiguration: Sendable, Hashable, CustomStringConvertible {
    /// The host name, IP address, or (starting with `/`) the directory of the server's Unix socket;
    /// `nil` for libpq's default (the local socket).
    public var host: String?
    /// The TCP port; `nil` for libpq's default (5432).
    public var port: Int?
    /// The role to sign in as; `nil` for libpq's default (the OS user).
    public var user: String?
    /// The role's password, if the server asks for one.
    public var password: String?
    /// The database; `nil` for libpq's default (the user name).
    public var database: String?
    /// The schema Keyward's tables live in (created when missing). Default `public`.
    public var schema: String
    /// The most connections the store opens at once (the `LISTEN` connection comes on top).
    public var poolSize: Int
    /// The longest a statement may run, and a write may wait for the write lock, in milliseconds;
    /// past it the operation fails as `unavailable`. Set on every session.
    public var statementTimeoutMilliseconds: Int
    /// The longest a connection attempt may take, in seconds (libpq's `connect_timeout`).
    public var connectTimeoutSeconds: Int
    /// Further libpq connection keywords from the URL's query (`sslmode`, `sslrootcert`,
    /// `application_name`, …), by keyword.
    public var options: [String: String]

    /// The libpq keywords a URL's query may set, besides Keyward's own (`schema`, `pool_size`,
    /// `statement_timeout`) and those with their own property.
    public static let libpqOptions: Set<String> = [
        "application_name", "channel_binding", "gssencmode", "keepalives", "keepalives_count",
        "keepalives_idle", "keepalives_interval", "krbsrvname", "passfile", "requirepeer", "sslcert",
        "sslcompression", "sslcrl", "sslcrldir", "sslkey", "sslmode", "sslpassword", "sslrootcert", "sslsni",
        "ssl_min_protocol_version", "ssl_max_protocol_version", "target_session_attrs", "tcp_user_timeout",
        "hostaddr",
    ]

    /// Creates a configuration from its parts.
    public init(
        host: String? = nil,
        port: Int? = nil,
        user: String? = nil,
        password: String? = nil,
        database: String? = nil,
        schema: String = "public",
        poolSize: Int = 10,
        statementTimeoutMilliseconds: Int = 5_000,
        connectTimeoutSeconds: Int = 5,
        options: [String: String] = [:]
    ) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
        self.schema = schema
        self.poolSize = poolSize
        self.statementTimeoutMilliseconds = statementTimeoutMilliseconds
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.options = options
    }

    /// Checks the values libpq cannot check for Keyward: the schema name, the pool size, the
    /// timeouts and the option keywords.
    ///
    /// - Throws: `invalidInput`, naming the setting (never its value when it could be a secret).
    public func validate() throws {
        guard Self.isPlainIdentifier(schema) else {
            throw KeywardError.invalidInput(
                "The PostgreSQL schema must be 1 to 63 lower-case letters, digits and underscores, "
                    + "starting with a letter or underscore"
            )
        }
        guard (1...1_000).contains(poolSize) else {
            throw KeywardError.invalidInput("The PostgreSQL pool_size must be 1 to 1000")
        }
        guard (0...3_600_000).contains(statementTimeoutMilliseconds) else {
            throw KeywardError.invalidInput("The PostgreSQL statement_timeout must be 0 to 3600000 milliseconds")
        }
        guard (1...3_600).contains(connectTimeoutSeconds) else {
            throw KeywardError.invalidInput("The PostgreSQL connect_timeout must be 1 to 3600 seconds")
        }
        if let port, !(1...65_535).contains(port) {
            throw KeywardError.invalidInput("The PostgreSQL port must be 1 to 65535")
        }
        for keyword in options.keys.sorted() where !Self.libpqOptions.contains(keyword) {
            throw KeywardError.invalidInput("Unknown PostgreSQL connection parameter \"\(keyword)\"")
        }
    }

    /// `postgres://user@host:port/database`, with the schema when it is not `public`: no password,
    /// no other option.
    public var displayName: String {
        var text = "postgres://"
        if let user { text += PercentEncoding.encode(user) + "@" }
        if let host {
            if host.hasPrefix("/") {
                text += PercentEncoding.encode(host)
            } else {
                text += host.contains(":") ? "[\(host)]" : host
            }
        }
        if let port { text += ":\(port)" }
        text += "/" + PercentEncoding.encode(database ?? "")
        if schema != "public" { text += "?schema=\(schema)" }
        return text
    }

    /// The display name.
    public var description: String { displayName }

    /// The keyword and value pairs for `PQconnectdbParams`, in a fixed order.
    ///
    /// - Parameter applicationName: The `application_name` unless the URL sets one.
    func connectionParameters(applicationName: String = "keyward") -> [(String, String)] {
        var parameters: [(String, String)] = []
        if let host {
            parameters.append(("host", host))
        }
        if let port { parameters.append(("port", String(port))) }
        if let user { parameters.append(("user", user)) }
        if let password { parameters.append(("password", password)) }
        if let database { parameters.append(("dbname", database)) }
        parameters.append(("connect_timeout", String(connectTimeoutSeconds)))
        parameters.append(("client_encoding", "UTF8"))
        if options["application_name"] == nil { parameters.append(("application_name", applicationName)) }
        // Notice a dead peer (a crashed server, a cut network) in seconds rather than hours.
        let keepalives = [
            ("keepalives", "1"), ("keepalives_idle", "10"), ("keepalives_interval", "5"), ("keepalives_count", "3"),
        ]
        for (keyword, value) in keepalives where options[keyword] == nil { parameters.append((keyword, value)) }
        for keyword in options.keys.sorted() {
            if let value = options[keyword] { parameters.append((keyword, value)) }
        }
        return parameters
    }

    /// Whether `name` is an identifier that needs no quoting: `[a-z_][a-z0-9_]*`, at most 63 bytes.
    static func isPlainIdentifier(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, bytes.count <= 63 else { return false }
        func isLetter(_ byte: UInt8) -> Bool { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || byte == 95 }
        func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        return isLetter(first) && bytes.allSatisfy { isLetter($0) || isDigit($0) }
    }
}

extension PostgresConfiguration: CustomReflectable {
    /// Shows the display name only, so `dump` and debuggers never print the password.
    public var customMirror: Mirror { Mirror(self, children: ["displayName": displayName]) }
}
