import FoundationEssentials
import KeywardCore

/// The ``StoreTransaction`` of ``SQLiteStore``: one open SQLite transaction on one connection.
///
/// The store creates it after `BEGIN` and invalidates it before `COMMIT` or `ROLLBACK`, so a
/// transaction that escapes its closure fails loudly instead of writing outside any transaction.
/// The operations live in extensions, one file per feature.
final class SQLiteTransaction: StoreTransaction {
    /// Whether the transaction may write.
    enum Mode {
        /// `BEGIN` (deferred) on a reader connection, which is `query_only`.
        case read
        /// `BEGIN IMMEDIATE` on the writer connection.
        case write
    }

    /// The connection the transaction runs on.
    let connection: SQLiteConnection
    /// Read or write.
    let mode: Mode
    /// The store's clock, for times the protocol does not pass in (change-feed entries).
    let clock: any WallClock

    private var isOpen = true

    /// Wraps a transaction the caller has just begun on `connection`.
    init(connection: SQLiteConnection, mode: Mode, clock: any WallClock) {
        self.connection = connection
        self.mode = mode
        self.clock = clock
    }

    /// Ends the transaction's use; later calls throw `internal`.
    func invalidate() {
        isOpen = false
    }

    /// Runs one operation on the connection, mapping SQLite errors to ``KeywardError``.
    ///
    /// - Parameters:
    ///   - foreignKeyMessage: What a foreign-key violation means for this operation.
    ///   - body: The operation.
    func perform<T>(
        foreignKeyMessage: String? = nil,
        _ body: (SQLiteConnection) throws -> T
    ) throws -> T {
        guard isOpen else {
            throw KeywardError(
                .internal,
                "A store transaction was used after its closure returned"
            )
        }
        do {
            return try body(connection)
        } catch let error as SQLiteError {
            throw error.keywardError(foreignKeyMessage: foreignKeyMessage, inReadTransaction: mode == .read)
        }
    }

    /// Throws `notFound` when the last statement changed no row.
    func requireChange(_ connection: SQLiteConnection, _ message: @autoclosure () -> String) throws {
        if connection.changes == 0 { throw KeywardError.notFound(message()) }
    }
}
