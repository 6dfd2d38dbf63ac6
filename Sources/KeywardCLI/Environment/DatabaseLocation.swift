import KeywardCore

/// Which database Keyward uses, parsed from `--database` or `KEYWARD_DATABASE_URL`.
///
/// Accepted forms: `sqlite:/path/to/file.sqlite` (also `sqlite:relative/path` and
/// `sqlite:///absolute/path`), a plain file path, and `postgres://…` or `postgresql://…`.
public enum DatabaseLocation: Sendable, Hashable, CustomStringConvertible {
    /// A SQLite database file.
    case sqlite(path: String)
    /// A PostgreSQL connection URL (kept whole; it may hold a password).
    case postgres(url: String)

    /// Parses a database location.
    ///
    /// - Throws: `invalidInput` for an empty value or a URL scheme Keyward does not know. The
    ///   message never repeats a URL's password.
    public init(parsing text: String) throws {
        let value = text.trimmed
        guard !value.isEmpty else { throw KeywardError.invalidInput("The database location is empty") }
        let lower = value.lowercased()
        if lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://") {
            self = .postgres(url: value)
            return
        }
        if lower.hasPrefix("sqlite:") {
            var path = value.dropFirst("sqlite:".count)
            // sqlite:///abs/path → /abs/path; sqlite://relative → relative.
            if path.hasPrefix("//") { path = path.dropFirst(2) }
            guard !path.isEmpty else {
                throw KeywardError.invalidInput("The SQLite database path is empty")
            }
            self = .sqlite(path: String(path))
            return
        }
        if let scheme = Self.scheme(of: value) {
            throw KeywardError.invalidInput(
                "Unsupported database URL scheme \"\(scheme)\"; use sqlite:<path> or postgres://…"
            )
        }
        self = .sqlite(path: value)
    }

    /// The SQLite database inside a data directory.
    public static func `default`(dataDirectory: String) -> DatabaseLocation {
        .sqlite(
            path: dataDirectory.hasSuffix("/")
                ? dataDirectory + "keyward.sqlite" : dataDirectory + "/keyward.sqlite")
    }

    /// `sqlite:<path>`, or the PostgreSQL URL with any password replaced by `***`.
    public var description: String {
        switch self {
        case .sqlite(let path): return "sqlite:\(path)"
        case .postgres(let url): return Self.redactingPassword(url)
        }
    }

    /// The scheme of a `scheme://…` URL, if the text is one.
    private static func scheme(of value: String) -> String? {
        guard let range = value.range(of: "://") else { return nil }
        let scheme = value[..<range.lowerBound]
        guard let first = scheme.first, first.isLetter,
            scheme.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." })
        else { return nil }
        return String(scheme)
    }

    /// `postgres://user:secret@host/db` → `postgres://user:***@host/db`.
    static func redactingPassword(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let rest = url[schemeEnd.upperBound...]
        let authorityEnd =
            rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        guard let at = rest[..<authorityEnd].lastIndex(of: "@") else { return url }
        let userInfo = rest[..<at]
        guard let colon = userInfo.firstIndex(of: ":") else { return url }
        return String(url[..<schemeEnd.upperBound]) + userInfo[..<colon] + ":***" + rest[at...]
    }
}
