import FoundationEssentials
import KeywardCore

/// The ``StoreTransaction`` of ``PostgresStore``: one open PostgreSQL transaction on one connection.
///
/// The store creates it after `BEGIN` and invalidates it before `COMMIT` or `ROLLBACK`, so a
/// transaction that escapes its closure fails loudly instead of writing outside any transaction.
/// The operations live in extensions, one file per feature.
///
/// PostgreSQL aborts a transaction at its first failed statement; the transaction remembers that
/// first error and throws it again for any later operation (and at commit), where SQLite would have
/// carried on. A caller that catches a conflict inside a write therefore cannot commit the rest.
final class PostgresTransaction: StoreTransaction {
    /// Whether the transaction may write.
    enum Mode {
        /// `REPEATABLE READ, READ ONLY`: one snapshot from the first statement to the end.
        case read
        /// `READ COMMITTED` under the store's write lock: one writer at a time.
        case write
    }

    /// The connection the transaction runs on.
    let connection: PostgresConnection
    /// Read or write.
    let mode: Mode
    /// The store's clock, for times the protocol does not pass in (change-feed entries).
    let clock: any WallClock
    /// The schema, sent as the payload of change notifications.
    let schema: String
    /// Whether inserts keep the ids of the values they are given (``PostgresStore/importing``).
    let keepsIDs: Bool

    private var isOpen = true
    /// The first statement failure; PostgreSQL refuses every later statement of the transaction.
    private(set) var failure: KeywardError?

    /// Wraps a transaction the caller has just begun on `connection`.
    init(connection: PostgresConnection, mode: Mode, clock: any WallClock, schema: String, keepsIDs: Bool) {
        self.connection = connection
        self.mode = mode
        self.clock = clock
        self.schema = schema
        self.keepsIDs = keepsIDs
    }

    /// Ends the transaction's use; later calls throw `internal`.
    func invalidate() {
        isOpen = false
    }

    /// Runs one operation on the connection, mapping PostgreSQL errors to ``KeywardError``.
    ///
    /// - Parameters:
    ///   - foreignKeyMessage: What a foreign-key violation means for this operation.
    ///   - body: The operation.
    @discardableResult
    func perform<T>(
        foreignKeyMessage: String? = nil,
        _ body: (PostgresConnection) throws -> T
    ) throws -> T {
        guard isOpen else {
            throw KeywardError(.internal, "A store transaction was used after its closure returned")
        }
        if let failure { throw failure }
        do {
            return try body(connection)
        } catch let error as PostgresError {
            let mapped = error.keywardError(foreignKeyMessage: foreignKeyMessage, inReadTransaction: mode == .read)
            failure = mapped
            throw mapped
        }
    }

    /// Throws `notFound` when the statement changed no row.
    func requireChange(_ result: PostgresResult, _ message: @autoclosure () -> String) throws {
        if result.affectedRows == 0 { throw KeywardError.notFound(message()) }
    }
}
