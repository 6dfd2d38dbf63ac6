import CKeywardPQ

/// The rows of one statement, in binary format, owned until the value is released.
///
/// Keyward requests every result in binary format: integers are big-endian, `bytea` is raw bytes,
/// `text` is UTF-8. Column accessors check the lengths they rely on.
final class PostgresResult {
    private let handle: OpaquePointer

    /// Takes ownership of a result that libpq returned.
    init(_ handle: OpaquePointer) {
        self.handle = handle
    }

    deinit {
        PQclear(handle)
    }

    /// How many rows the result holds.
    var rowCount: Int32 { PQntuples(handle) }

    /// How many rows the statement changed (`UPDATE`, `DELETE`, `INSERT`), 0 for other statements.
    var affectedRows: Int {
        guard let text = PQcmdTuples(handle) else { return 0 }
        return Int(String(cString: text)) ?? 0
    }

    /// The command tag, such as `COMMIT` or `ROLLBACK`.
    var commandStatus: String {
        guard let text = PQcmdStatus(handle) else { return "" }
        return String(cString: text)
    }

    /// One row.
    func row(_ index: Int32) -> PostgresRow { PostgresRow(result: self, index: index) }

    // MARK: Cells

    func isNull(_ row: Int32, _ column: Int32) -> Bool { PQgetisnull(handle, row, column) != 0 }

    /// The cell's bytes (empty for NULL), valid while the result lives.
    func withBytes<T>(_ row: Int32, _ column: Int32, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        let length = Int(PQgetlength(handle, row, column))
        guard length > 0, let value = PQgetvalue(handle, row, column) else {
            return try body(UnsafeRawBufferPointer(start: nil, count: 0))
        }
        return try body(UnsafeRawBufferPointer(start: UnsafeRawPointer(value), count: length))
    }
}
