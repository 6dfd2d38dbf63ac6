import CKeywardPQ
import KeywardCore

/// An error reported by libpq or the PostgreSQL server.
///
/// Only fields that never carry a bound value are kept: the SQLSTATE, the primary message (which
/// names tables and constraints), the constraint and table names. The DETAIL field, which repeats
/// the offending values (`Key (username_key)=(alice) already exists.`), is deliberately dropped, so
/// neither the description nor a log line can leak a value. ``sql`` is Keyward's statement text,
/// which always uses placeholders.
struct PostgresError: Error, Sendable, CustomStringConvertible {
    /// Where the failure happened.
    enum Kind: Sendable {
        /// The server answered with an error; the connection is still usable (after a rollback).
        case server
        /// The connection failed or was lost: the connection must be discarded.
        case connection
    }

    /// Server error or lost connection.
    var kind: Kind
    /// The five-character SQLSTATE, such as `23505`; `nil` when libpq reported no code.
    var sqlState: String?
    /// The primary message.
    var message: String
    /// The violated constraint, for integrity errors.
    var constraint: String?
    /// The table concerned, when the server names one.
    var table: String?
    /// The statement that failed, with placeholders; `nil` outside a statement.
    var sql: String?

    /// Creates an error from its parts.
    init(
        kind: Kind,
        sqlState: String? = nil,
        message: String,
        constraint: String? = nil,
        table: String? = nil,
        sql: String? = nil
    ) {
        self.kind = kind
        self.sqlState = sqlState
        self.message = message
        self.constraint = constraint
        self.table = table
        self.sql = sql
    }

    /// Reads the error of a failed result. A connection that went bad meanwhile makes it a
    /// ``Kind/connection`` error whatever the result says.
    init(result: OpaquePointer, connection: OpaquePointer?, sql: String?) {
        func field(_ code: UInt8) -> String? {
            guard let value = PQresultErrorField(result, Int32(code)) else { return nil }
            return String(cString: value)
        }
        let state = field(UInt8(ascii: "C"))
        let primary = field(UInt8(ascii: "M")) ?? Self.firstLine(of: PQresultErrorMessage(result))
        let lost = connection.map { PQstatus($0) == CONNECTION_BAD } ?? true
        self.init(
            kind: lost || Self.isConnectionState(state) ? .connection : .server,
            sqlState: state,
            message: primary,
            constraint: field(UInt8(ascii: "n")),
            table: field(UInt8(ascii: "t")),
            sql: sql
        )
    }

    /// The connection-level error libpq recorded on a connection (no result to read).
    static func connection(_ connection: OpaquePointer?, sql: String? = nil) -> PostgresError {
        let message = connection.map { firstLine(of: PQerrorMessage($0)) } ?? "out of memory"
        return PostgresError(
            kind: .connection,
            message: message.isEmpty ? "the connection to the server was lost" : message,
            sql: sql
        )
    }

    /// Whether the connection is gone (lost, refused, or closed by the server).
    var isConnectionFailure: Bool { kind == .connection }

    /// Class 08 (connection exception) and the shutdown codes of class 57 end the session.
    static func isConnectionState(_ state: String?) -> Bool {
        guard let state else { return false }
        return state.hasPrefix("08") || state == "57P01" || state == "57P02" || state == "57P03"
    }

    /// The first line of a libpq message (later lines hold DETAIL, which may repeat values, and
    /// hints), without the "ERROR:  " or "FATAL:  " prefix.
    static func firstLine(of text: UnsafePointer<CChar>?) -> String {
        guard let text else { return "" }
        let lines = String(cString: text).split(whereSeparator: \.isNewline).map { $0.trimmed }
        var line = lines.first(where: { !$0.isEmpty }) ?? ""
        for prefix in ["ERROR:", "FATAL:", "PANIC:"] where line.hasPrefix(prefix) {
            line = String(line.dropFirst(prefix.count)).trimmed
        }
        return line
    }

    /// The code, SQLSTATE and message; the statement when known. Never a bound value.
    var description: String {
        var text = "PostgreSQL \(kind == .connection ? "connection " : "")error"
        if let sqlState { text += " \(sqlState)" }
        text += ": \(message)"
        if let sql { text += " [\(sql)]" }
        return text
    }
}
