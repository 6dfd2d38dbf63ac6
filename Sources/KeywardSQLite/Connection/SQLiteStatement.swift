import CKeywardSQLite

/// A prepared statement: bind, step, read columns, reset.
///
/// A statement belongs to one ``SQLiteConnection`` and is used by one thread at a time, like its
/// connection. Column readers must only be called after ``step()`` returned `true`.
final class SQLiteStatement {
    /// The statement text, with placeholders in place of values.
    let sql: String
    /// Whether a caller is using the statement right now (cached statements are not reentrant).
    var isInUse = false

    private let handle: OpaquePointer
    private let connection: OpaquePointer

    /// Compiles `sql` on `connection`.
    ///
    /// - Parameter persistent: Whether the statement will be kept and reused, which lets SQLite
    ///   allocate it outside its short-lived lookaside memory.
    init(sql: String, connection: OpaquePointer, persistent: Bool) throws {
        var handle: OpaquePointer?
        let flags = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        let code = sqlite3_prepare_v3(connection, sql, -1, flags, &handle, nil)
        guard code == SQLITE_OK, let handle else {
            sqlite3_finalize(handle)
            throw SQLiteError(code: code, connection: connection, sql: sql)
        }
        self.sql = sql
        self.handle = handle
        self.connection = connection
    }

    deinit {
        sqlite3_finalize(handle)
    }

    // MARK: Binding

    /// Binds every parameter, in order; the count must match the statement's parameters.
    func bind(_ values: [any SQLiteBindable]) throws {
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard values.count == expected else {
            throw SQLiteError(
                extendedCode: SQLITE_RANGE,
                message: "expected \(expected) bound values, got \(values.count)",
                sql: sql
            )
        }
        for (offset, value) in values.enumerated() {
            try value.bind(to: self, at: Int32(offset + 1))
        }
    }

    /// Binds a 64-bit integer.
    func bindInt64(_ value: Int64, at index: Int32) throws {
        try check(sqlite3_bind_int64(handle, index, value))
    }

    /// Binds a double.
    func bindDouble(_ value: Double, at index: Int32) throws {
        try check(sqlite3_bind_double(handle, index, value))
    }

    /// Binds UTF-8 text (embedded NULs are kept); SQLite copies it.
    func bindText(_ value: String, at index: Int32) throws {
        let length = value.utf8.count
        guard length <= Int(Int32.max) else { throw tooBig() }
        try value.withCString { pointer in
            try check(keyward_sqlite3_bind_text_transient(handle, index, pointer, Int32(length)))
        }
    }

    /// Binds a blob; SQLite copies it. An empty buffer binds an empty blob, not NULL.
    func bindBlob(_ bytes: UnsafeRawBufferPointer, at index: Int32) throws {
        guard bytes.count <= Int(Int32.max) else { throw tooBig() }
        if let base = bytes.baseAddress, !bytes.isEmpty {
            try check(keyward_sqlite3_bind_blob_transient(handle, index, base, Int32(bytes.count)))
        } else {
            try check(sqlite3_bind_zeroblob(handle, index, 0))
        }
    }

    /// Binds NULL.
    func bindNull(at index: Int32) throws {
        try check(sqlite3_bind_null(handle, index))
    }

    // MARK: Running

    /// Runs the statement to its next row: `true` when a row is ready to read, `false` when done.
    func step() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code: throw SQLiteError(code: code, connection: connection, sql: sql)
        }
    }

    /// Rewinds the statement and clears its bindings, so no bound value outlives the call.
    func reset() {
        // A failed step's code is reported again by reset; it was already thrown from step().
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    // MARK: Reading

    /// The number of result columns.
    var columnCount: Int32 { sqlite3_column_count(handle) }

    /// Whether the column is NULL.
    func isNull(at column: Int32) -> Bool {
        sqlite3_column_type(handle, column) == SQLITE_NULL
    }

    /// The column as a 64-bit integer (NULL reads as 0).
    func int64(at column: Int32) -> Int64 {
        sqlite3_column_int64(handle, column)
    }

    /// The column as a 64-bit integer, or `nil` when NULL.
    func optionalInt64(at column: Int32) -> Int64? {
        isNull(at: column) ? nil : int64(at: column)
    }

    /// The column as a Boolean (non-zero is `true`).
    func bool(at column: Int32) -> Bool {
        int64(at: column) != 0
    }

    /// The column as a double (NULL reads as 0).
    func double(at column: Int32) -> Double {
        sqlite3_column_double(handle, column)
    }

    /// The column as text (NULL reads as empty); invalid UTF-8 is repaired.
    func string(at column: Int32) -> String {
        guard let text = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    /// The column as text, or `nil` when NULL.
    func optionalString(at column: Int32) -> String? {
        isNull(at: column) ? nil : string(at: column)
    }

    /// Calls `body` with the column's bytes without copying them (empty for NULL). The buffer is
    /// valid only during the call.
    func withBlob<T>(at column: Int32, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        let pointer = sqlite3_column_blob(handle, column)
        let count = Int(sqlite3_column_bytes(handle, column))
        return try body(UnsafeRawBufferPointer(start: count > 0 ? pointer : nil, count: count))
    }

    /// The column as bytes (NULL reads as empty).
    func blob(at column: Int32) -> [UInt8] {
        withBlob(at: column) { Array($0) }
    }

    // MARK: Helpers

    private func check(_ code: Int32) throws {
        guard code == SQLITE_OK else { throw SQLiteError(code: code, connection: connection, sql: sql) }
    }

    private func tooBig() -> SQLiteError {
        SQLiteError(extendedCode: SQLITE_TOOBIG, message: "bound value too large", sql: sql)
    }
}
