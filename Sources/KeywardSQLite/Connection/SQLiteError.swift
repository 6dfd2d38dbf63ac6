import CKeywardSQLite

/// An error reported by SQLite, with its extended result code.
///
/// The message is SQLite's own (`sqlite3_errmsg`), which names tables, columns and constraints but
/// never a bound value; ``sql`` is the statement text, which in Keyward always uses placeholders,
/// so neither part can carry a secret. GRDB keeps bound values out of its errors the same way.
struct SQLiteError: Error, Sendable, CustomStringConvertible {
    /// The extended result code, such as `SQLITE_CONSTRAINT_UNIQUE` (2067).
    var extendedCode: Int32
    /// SQLite's message.
    var message: String
    /// The statement that failed, with placeholders in place of values; `nil` outside a statement.
    var sql: String?

    /// Creates an error from its parts.
    init(extendedCode: Int32, message: String, sql: String? = nil) {
        self.extendedCode = extendedCode
        self.message = message
        self.sql = sql
    }

    /// Reads the code and message that a connection recorded for its last failed call.
    ///
    /// `code` is the value the failing call returned; the connection's own record is preferred
    /// when it names the same primary code, because it carries the extended code.
    init(code: Int32, connection: OpaquePointer?, sql: String? = nil) {
        var extended = code
        var message = String(cString: sqlite3_errstr(code))
        if let connection {
            let recorded = sqlite3_extended_errcode(connection)
            if recorded & 0xff == code & 0xff {
                extended = recorded
                message = String(cString: sqlite3_errmsg(connection))
            }
        }
        self.init(extendedCode: extended, message: message, sql: sql)
    }

    /// The primary result code, such as `SQLITE_CONSTRAINT` (19).
    var primaryCode: Int32 { extendedCode & 0xff }

    /// The code, its name and SQLite's message; the SQL text when known.
    var description: String {
        var text = "SQLite error \(extendedCode) (\(String(cString: sqlite3_errstr(extendedCode)))): \(message)"
        if let sql { text += " [\(sql)]" }
        return text
    }
}
