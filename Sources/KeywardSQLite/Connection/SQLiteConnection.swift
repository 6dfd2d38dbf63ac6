import CKeywardSQLite

/// One SQLite database connection with a cache of prepared statements.
///
/// Opened without SQLite's own mutex (`SQLITE_OPEN_NOMUTEX`): a connection is used by one thread
/// at a time, which the store's pools guarantee by handing each connection to one caller between
/// checkout and checkin. That invariant is what makes the `@unchecked Sendable` sound; the type
/// is never shared between threads concurrently.
final class SQLiteConnection: @unchecked Sendable {
    /// Where the connection is open: a file path or a URI.
    let location: String
    /// Set when the connection may be left in an unknown state (a failed rollback); a pool closes
    /// such a connection instead of reusing it.
    var isBroken = false

    private var handle: OpaquePointer?
    private var statements: [String: SQLiteStatement] = [:]

    /// Opens a connection with extended result codes enabled.
    ///
    /// - Parameter flags: `SQLITE_OPEN_*` flags; `SQLITE_OPEN_EXRESCODE` is always added.
    init(location: String, flags: Int32) throws {
        var handle: OpaquePointer?
        let code = sqlite3_open_v2(location, &handle, flags | SQLITE_OPEN_EXRESCODE, nil)
        guard code == SQLITE_OK, let handle else {
            let error = SQLiteError(code: code, connection: handle)
            sqlite3_close_v2(handle)
            throw error
        }
        sqlite3_extended_result_codes(handle, 1)
        self.location = location
        self.handle = handle
    }

    deinit {
        close()
    }

    /// Finalizes every cached statement and closes the connection. Idempotent.
    func close() {
        statements.removeAll()
        if let handle {
            // close_v2 defers the close until statements still held elsewhere are finalized.
            sqlite3_close_v2(handle)
        }
        handle = nil
    }

    /// Whether ``close()`` was called.
    var isClosed: Bool { handle == nil }

    // MARK: Statements

    /// Runs `body` with the cached statement for `sql`, preparing and caching it on first use.
    ///
    /// Only pass SQL built from constant fragments: the cache keeps one statement per distinct
    /// text for the connection's lifetime. The statement is reset and its bindings cleared when
    /// `body` returns. If the cached statement is already in use further up the stack, a one-off
    /// statement is prepared instead.
    func withStatement<T>(_ sql: String, _ body: (SQLiteStatement) throws -> T) throws -> T {
        let statement: SQLiteStatement
        if let cached = statements[sql] {
            statement = cached.isInUse ? try prepare(sql, persistent: false) : cached
        } else {
            statement = try prepare(sql, persistent: true)
            statements[sql] = statement
        }
        statement.isInUse = true
        defer {
            statement.reset()
            statement.isInUse = false
        }
        return try body(statement)
    }

    /// Compiles a statement that is not cached.
    func prepare(_ sql: String, persistent: Bool = false) throws -> SQLiteStatement {
        try SQLiteStatement(sql: sql, connection: openHandle(), persistent: persistent)
    }

    /// Runs one statement to completion, binding `arguments` to its parameters.
    func execute(_ sql: String, arguments: [any SQLiteBindable]) throws {
        try withStatement(sql) { statement in
            try statement.bind(arguments)
            while try statement.step() {}
        }
    }

    /// Runs one statement to completion, binding `values` to its parameters.
    func execute(_ sql: String, _ values: any SQLiteBindable...) throws {
        try execute(sql, arguments: values)
    }

    /// Runs a script of several statements without parameters (schema changes, pragmas).
    func executeScript(_ sql: String) throws {
        let handle = try openHandle()
        let code = sqlite3_exec(handle, sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw SQLiteError(code: code, connection: handle, sql: sql) }
    }

    /// Calls `row` for every result row, in order.
    func forEachRow(
        _ sql: String,
        arguments: [any SQLiteBindable] = [],
        _ row: (SQLiteStatement) throws -> Void
    ) throws {
        try withStatement(sql) { statement in
            try statement.bind(arguments)
            while try statement.step() { try row(statement) }
        }
    }

    /// Every result row, decoded by `row`.
    func fetchAll<T>(
        _ sql: String,
        arguments: [any SQLiteBindable],
        row: (SQLiteStatement) throws -> T
    ) throws -> [T] {
        var rows: [T] = []
        try forEachRow(sql, arguments: arguments) { rows.append(try row($0)) }
        return rows
    }

    /// Every result row, decoded by `row`.
    func fetchAll<T>(
        _ sql: String,
        _ values: any SQLiteBindable...,
        row: (SQLiteStatement) throws -> T
    ) throws -> [T] {
        try fetchAll(sql, arguments: values, row: row)
    }

    /// The first result row decoded by `row`, or `nil` when there is none.
    func fetchOne<T>(
        _ sql: String,
        arguments: [any SQLiteBindable],
        row: (SQLiteStatement) throws -> T
    ) throws -> T? {
        try withStatement(sql) { statement in
            try statement.bind(arguments)
            return try statement.step() ? try row(statement) : nil
        }
    }

    /// The first result row decoded by `row`, or `nil` when there is none.
    func fetchOne<T>(
        _ sql: String,
        _ values: any SQLiteBindable...,
        row: (SQLiteStatement) throws -> T
    ) throws -> T? {
        try fetchOne(sql, arguments: values, row: row)
    }

    // MARK: State

    /// Rows changed by the most recent INSERT, UPDATE or DELETE.
    var changes: Int {
        guard let handle else { return 0 }
        return Int(sqlite3_changes64(handle))
    }

    /// The rowid of the most recent successful INSERT.
    var lastInsertRowID: Int64 {
        guard let handle else { return 0 }
        return sqlite3_last_insert_rowid(handle)
    }

    /// Whether a transaction is open (SQLite is not in autocommit mode).
    var isInTransaction: Bool {
        guard let handle else { return false }
        return sqlite3_get_autocommit(handle) == 0
    }

    /// Sets an on/off `SQLITE_DBCONFIG_*` option.
    func configure(_ option: Int32, enabled: Bool) throws {
        let handle = try openHandle()
        let code = keyward_sqlite3_db_config_flag(handle, option, enabled ? 1 : 0)
        guard code == SQLITE_OK else { throw SQLiteError(code: code, connection: handle) }
    }

    private func openHandle() throws -> OpaquePointer {
        guard let handle else {
            throw SQLiteError(extendedCode: SQLITE_MISUSE, message: "the connection is closed")
        }
        return handle
    }
}
