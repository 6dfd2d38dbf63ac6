import CKeywardPQ
import KeywardCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// One libpq connection with a cache of prepared statements.
///
/// Connection settings go to `PQconnectdbParams` as separate keyword and value arrays, never as
/// a connection string, so no value (a password with `'`, `=` or spaces) can change how the rest
/// is read. Every statement that carries values is prepared once per connection and executed with
/// `PQexecPrepared`, values in binary format. Only constant SQL (transaction control, schema
/// scripts) goes through `PQexec`.
///
/// A connection is used by one thread at a time, which the store's pool guarantees by lending it
/// to one caller between checkout and checkin; that invariant makes `@unchecked Sendable` sound.
final class PostgresConnection: @unchecked Sendable {
    /// Set when the connection may be unusable (lost, or a rollback failed); the pool closes it
    /// instead of lending it again.
    var isBroken = false
    /// The pool generation the connection was opened in (see ``PostgresConnectionPool``).
    var generation = 0

    private var handle: OpaquePointer?
    private var prepared: [String: String] = [:]

    /// Connects with `parameters` (libpq keywords and values) and blocks until the connection is
    /// ready or failed (bounded by the `connect_timeout` parameter).
    ///
    /// - Throws: ``PostgresError`` of kind ``PostgresError/Kind/connection``.
    init(parameters: [(String, String)]) throws {
        let handle = Self.connect(parameters)
        guard let handle, PQstatus(handle) == CONNECTION_OK else {
            let error = PostgresError.connection(handle)
            if let handle { PQfinish(handle) }
            throw error
        }
        // Notices ("relation already exists, skipping") would go to stderr; they are not errors.
        PQsetNoticeReceiver(handle, { _, _ in }, nil)
        self.handle = handle
    }

    deinit {
        close()
    }

    /// Closes the connection. Idempotent.
    func close() {
        if let handle { PQfinish(handle) }
        handle = nil
        prepared.removeAll()
    }

    /// Whether ``close()`` was called.
    var isClosed: Bool { handle == nil }

    /// The socket, for `poll(2)`; -1 when closed.
    var socket: Int32 { handle.map { PQsocket($0) } ?? -1 }

    /// Whether the server is in a transaction block on this connection (open or failed).
    var isInTransaction: Bool {
        guard let handle else { return false }
        let status = PQtransactionStatus(handle)
        return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE
    }

    /// Whether an idle connection still looks usable, without a round trip.
    ///
    /// A server that shuts down or terminates the backend sends an error and closes the socket; an
    /// idle connection that has anything to read has therefore been closed (notifications are
    /// never sent to pool connections, which do not `LISTEN`). The check reads what is there and
    /// asks libpq for the status.
    func isUsableWhenIdle() -> Bool {
        guard let handle, !isBroken, PQstatus(handle) == CONNECTION_OK else { return false }
        var descriptor = pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, 0)
        if ready == 0 { return true }
        if ready < 0 { return errno == EINTR }
        guard PQconsumeInput(handle) == 1 else { return false }
        return PQstatus(handle) == CONNECTION_OK && !isInTransaction
    }

    // MARK: Statements

    /// Runs a statement with values: prepared on first use on this connection, then executed with
    /// the values in binary format. Results come back in binary format.
    ///
    /// Only pass SQL built from constant fragments: the cache keeps one prepared statement per
    /// distinct text for the connection's lifetime.
    @discardableResult
    func execute(_ sql: String, _ values: [any PostgresBindable] = []) throws -> PostgresResult {
        let handle = try openHandle(sql)
        let parameters = values.map(\.postgresValue)
        let name = try statementName(for: sql, parameters, handle)
        return try withParameters(parameters) { count, pointers, lengths, formats in
            try check(PQexecPrepared(handle, name, count, pointers, lengths, formats, 1), sql: sql)
        }
    }

    /// Runs a statement with values without preparing it (cursor commands, which cannot be
    /// prepared, and one-off statements).
    @discardableResult
    func executeOnce(_ sql: String, _ values: [any PostgresBindable] = []) throws -> PostgresResult {
        let handle = try openHandle(sql)
        let parameters = values.map(\.postgresValue)
        let types = parameters.map(\.type.oid)
        return try withParameters(parameters) { count, pointers, lengths, formats in
            try types.withUnsafeBufferPointer { types in
                try check(
                    PQexecParams(handle, sql, count, types.baseAddress, pointers, lengths, formats, 1),
                    sql: sql
                )
            }
        }
    }

    /// Runs constant SQL with no values, possibly several statements (schema scripts,
    /// transaction control), through the simple query protocol.
    @discardableResult
    func executeScript(_ sql: String) throws -> PostgresResult {
        let handle = try openHandle(sql)
        return try check(PQexec(handle, sql), sql: sql)
    }

    /// Every row of a statement, converted by `row`.
    func fetchAll<T>(
        _ sql: String,
        _ values: [any PostgresBindable] = [],
        row convert: (PostgresRow) throws -> T
    ) throws -> [T] {
        let result = try execute(sql, values)
        var rows: [T] = []
        rows.reserveCapacity(Int(result.rowCount))
        for index in 0..<result.rowCount { rows.append(try convert(result.row(index))) }
        return rows
    }

    /// The first row of a statement, converted by `row`, or `nil` when there is none.
    func fetchOne<T>(
        _ sql: String,
        _ values: [any PostgresBindable] = [],
        row convert: (PostgresRow) throws -> T
    ) throws -> T? {
        let result = try execute(sql, values)
        return result.rowCount > 0 ? try convert(result.row(0)) : nil
    }

    // MARK: Notifications

    /// Reads whatever arrived on the socket; false when the connection failed.
    func consumeInput() -> Bool {
        guard let handle else { return false }
        return PQconsumeInput(handle) == 1 && PQstatus(handle) == CONNECTION_OK
    }

    /// The notifications received so far, as (channel, payload) pairs, oldest first.
    func drainNotifications() -> [(channel: String, payload: String)] {
        guard let handle else { return [] }
        var received: [(String, String)] = []
        while let notification = PQnotifies(handle) {
            received.append(
                (String(cString: notification.pointee.relname), String(cString: notification.pointee.extra))
            )
            PQfreemem(notification)
        }
        return received
    }

    // MARK: Internals

    private static func connect(_ parameters: [(String, String)]) -> OpaquePointer? {
        // Keywords and values as NUL-terminated C strings, each array ended by a NULL pointer.
        let keywords = parameters.map { strdup($0.0) } + [nil]
        let values = parameters.map { strdup($0.1) } + [nil]
        defer {
            for pointer in keywords { free(pointer) }
            for pointer in values {
                // The values may hold a password: wipe them before freeing.
                if let pointer { memset(pointer, 0, strlen(pointer)) }
                free(pointer)
            }
        }
        let constKeywords = keywords.map { UnsafePointer($0) }
        let constValues = values.map { UnsafePointer($0) }
        return constKeywords.withUnsafeBufferPointer { keywordPointers in
            constValues.withUnsafeBufferPointer { valuePointers in
                PQconnectdbParams(keywordPointers.baseAddress, valuePointers.baseAddress, 0)
            }
        }
    }

    func openHandle(_ sql: String) throws -> OpaquePointer {
        guard let handle else {
            throw PostgresError(kind: .connection, message: "the connection is closed", sql: sql)
        }
        return handle
    }

    /// The name of the prepared statement for `sql`, preparing it on first use.
    private func statementName(
        for sql: String,
        _ parameters: [PostgresValue],
        _ handle: OpaquePointer
    ) throws -> String {
        if let name = prepared[sql] { return name }
        let name = "kw\(prepared.count + 1)"
        let types = parameters.map(\.type.oid)
        let result = types.withUnsafeBufferPointer { types in
            PQprepare(handle, name, sql, Int32(types.count), types.baseAddress)
        }
        _ = try check(result, sql: sql)
        prepared[sql] = name
        return name
    }

    /// Lays the values out in one buffer and calls `body` with libpq's parallel arrays.
    private func withParameters<T>(
        _ parameters: [PostgresValue],
        _ body: (
            Int32, UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?
        ) throws -> T
    ) throws -> T {
        var storage: [UInt8] = []
        var offsets: [Int] = []
        var lengths: [Int32] = []
        offsets.reserveCapacity(parameters.count)
        lengths.reserveCapacity(parameters.count)
        for parameter in parameters {
            if let bytes = parameter.bytes {
                offsets.append(storage.count)
                lengths.append(Int32(bytes.count))
                storage += bytes
            } else {
                offsets.append(-1)
                lengths.append(0)
            }
        }
        storage.append(0)  // never empty, so the base address exists
        let formats = [Int32](repeating: 1, count: parameters.count)
        return try storage.withUnsafeBufferPointer { buffer in
            let base = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
            let pointers: [UnsafePointer<CChar>?] = offsets.map { $0 < 0 ? nil : base + $0 }
            return try pointers.withUnsafeBufferPointer { pointers in
                try lengths.withUnsafeBufferPointer { lengths in
                    try formats.withUnsafeBufferPointer { formats in
                        try body(
                            Int32(parameters.count), pointers.baseAddress, lengths.baseAddress, formats.baseAddress)
                    }
                }
            }
        }
    }

    /// The result, or the error it carries. A failure that took the connection with it marks the
    /// connection broken.
    private func check(_ result: OpaquePointer?, sql: String) throws -> PostgresResult {
        guard let result else {
            isBroken = true
            throw PostgresError.connection(handle, sql: sql)
        }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return PostgresResult(result)
        default:
            let error = PostgresError(result: result, connection: handle, sql: sql)
            PQclear(result)
            if error.isConnectionFailure { isBroken = true }
            throw error
        }
    }
}
