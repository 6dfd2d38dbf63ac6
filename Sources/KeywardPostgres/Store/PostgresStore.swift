import FoundationEssentials
import KeywardCore
import Synchronization

/// Keyward's store on PostgreSQL, for several nodes on one database.
///
/// Behaves as ``Store`` says and as the SQLite store does, test for test:
///
/// - **Reads** run `REPEATABLE READ, READ ONLY`: one snapshot from the first statement to the
///   end, and a write attempt fails as `internal`.
/// - **Writes** run `READ COMMITTED` after taking a transaction-scoped advisory lock
///   (`pg_advisory_xact_lock`) that every write of every node takes first. Writes therefore run one
///   at a time across the cluster, as SQLite's `BEGIN IMMEDIATE` makes them on one machine: each
///   statement sees every write committed before the lock was granted, read-check-write rules
///   (the last administrator) hold across nodes, and change-feed positions are handed out and
///   committed in the same order, so a reader never sees a position before an earlier one commits.
///   A write waits for the lock at most the statement timeout, then fails as `unavailable`.
/// - **Connections** come from a bounded pool (``PostgresConfiguration/poolSize``). A connection that
///   died (server restart, `pg_terminate_backend`, network) is discarded and re-dialled; the
///   operation that hit it fails as `unavailable` and the next one works. A transaction whose
///   connection turns out dead at `BEGIN`, before anything ran, is retried once on a new one.
/// - **Sessions** are set up with the schema as `search_path`, the statement timeout, a
///   60-second idle-in-transaction timeout, and JIT compilation off (it costs a second or more
///   on the credential table's search queries and saves nothing on statements this short).
/// - **Errors** map as the SQLite store's do: 23505 `conflict` (same messages), 23503
///   `conflict`, 40001/40P01/timeouts `unavailable`, lost or refused connections `unavailable`.
/// - **Change notifications**: ``StoreTransaction/appendChange(_:id:)`` also sends
///   `NOTIFY keyward_changes` (delivered at commit), and ``observeChanges(_:)`` listens on a
///   dedicated connection and thread (see ``ChangeNotifying``).
///
/// A transaction belongs to the thread that runs its closure: opening another transaction of the
/// same store from inside the closure throws `internal` at once instead of deadlocking on the
/// write lock.
///
/// ```swift
/// let store = try PostgresStore(url: "postgres://keyward:secret@db:5432/keyward?sslmode=require")
/// let id = try store.write { try $0.insertRole(role) }
/// ```
public final class PostgresStore: Store, ChangeNotifying, Sendable {
    /// `postgres://user@host:port/database`, without the password.
    public let displayName: String
    /// What the store connects to.
    public let configuration: PostgresConfiguration

    let pool: PostgresConnectionPool
    let clock: any WallClock
    let writeLock: AdvisoryLock
    let listener: ChangeListener
    /// Threads inside a transaction of this store.
    private let activeThreads = Mutex<Set<UInt>>([])

    /// Connects with a `postgres://` URL (see ``PostgresConfiguration/init(url:)``) and brings the
    /// schema up to date.
    ///
    /// - Throws: `invalidInput` for a malformed URL, `unavailable` when the server cannot be
    ///   reached or refuses the login, `storage` when the database was written by a newer Keyward.
    public convenience init(url: String, clock: any WallClock = SystemClock()) throws {
        try self.init(configuration: PostgresConfiguration(url: url), clock: clock)
    }

    /// Connects and brings the schema up to date.
    ///
    /// Migrations run on their own connection under a session advisory lock, so nodes that start
    /// together migrate once; the others wait for it, then find nothing to do.
    ///
    /// - Parameters:
    ///   - configuration: Where to connect, the pool size and the timeouts.
    ///   - clock: The time recorded for change-feed entries and migrations.
    public init(configuration: PostgresConfiguration, clock: any WallClock = SystemClock()) throws {
        try configuration.validate()
        try PostgresMigrator.migrate(configuration: configuration, now: { clock.now() })
        self.configuration = configuration
        self.displayName = configuration.displayName
        self.clock = clock
        self.writeLock = .writer(schema: configuration.schema)
        self.pool = PostgresConnectionPool(capacity: configuration.poolSize) {
            try Self.openConnection(configuration)
        }
        self.listener = ChangeListener(configuration: configuration)
    }

    deinit {
        close()
    }

    /// Runs `body` in a `REPEATABLE READ, READ ONLY` transaction.
    public func read<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        try transaction(.read) { try body($0) }
    }

    /// Runs `body` in a write transaction under the store's write lock; committed when `body`
    /// returns, rolled back when it throws.
    public func write<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        try transaction(.write) { try body($0) }
    }

    /// Closes every connection (idle ones now, busy ones when their transaction ends) and stops
    /// listening. Later transactions throw `unavailable`.
    public func close() {
        pool.close()
        listener.stop()
    }

    /// Registers a handler for change-feed activity; the first call starts the listening thread.
    ///
    /// The handler hears `.changed` once the listening connection is up and after every
    /// notification from any node, and `.resync` after the connection was lost and is back
    /// (notifications may have been missed meanwhile).
    public func observeChanges(_ handler: @escaping @Sendable (ChangeNotification) -> Void) {
        listener.add(handler)
    }

    // MARK: Transactions

    /// Runs `body` in a transaction of `mode` on a pooled connection.
    ///
    /// - Parameter keepsIDs: Whether inserts keep the ids they are given (``importing(feedPosition:_:)``).
    func transaction<T>(
        _ mode: PostgresTransaction.Mode,
        keepsIDs: Bool = false,
        _ body: (PostgresTransaction) throws -> T
    ) throws -> T {
        let thread = CurrentThread.id
        guard activeThreads.withLock({ $0.insert(thread).inserted }) else {
            throw KeywardError(
                .internal,
                "A store transaction was opened inside another one on the same thread; "
                    + "use the transaction passed to the outer closure"
            )
        }
        defer { _ = activeThreads.withLock { $0.remove(thread) } }

        var retried = false
        while true {
            let connection = try pool.checkout()
            do {
                try begin(connection, mode)
            } catch let error as PostgresError {
                Self.rollback(connection)
                pool.checkin(connection)
                // Nothing ran yet: a connection found dead here is replaced once, transparently.
                if error.isConnectionFailure && !retried {
                    retried = true
                    continue
                }
                throw error.keywardError(inReadTransaction: mode == .read)
            } catch {
                Self.rollback(connection)
                pool.checkin(connection)
                throw error
            }
            defer { pool.checkin(connection) }

            let transaction = PostgresTransaction(
                connection: connection, mode: mode, clock: clock, schema: configuration.schema, keepsIDs: keepsIDs)
            let result: T
            do {
                defer { transaction.invalidate() }
                result = try body(transaction)
            } catch {
                Self.rollback(connection)
                throw (error as? PostgresError)?.keywardError(inReadTransaction: mode == .read) ?? error
            }
            try commit(connection, transaction)
            return result
        }
    }

    private func begin(_ connection: PostgresConnection, _ mode: PostgresTransaction.Mode) throws {
        switch mode {
        case .read:
            try connection.executeScript("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        case .write:
            try connection.executeScript("BEGIN ISOLATION LEVEL READ COMMITTED, READ WRITE")
            try connection.execute("SELECT pg_advisory_xact_lock($1)", [writeLock.key])
        }
    }

    private func commit(_ connection: PostgresConnection, _ transaction: PostgresTransaction) throws {
        let status: String
        do {
            status = try connection.executeScript("COMMIT").commandStatus
        } catch let error as PostgresError {
            Self.rollback(connection)
            throw error.keywardError(inReadTransaction: transaction.mode == .read)
        }
        // COMMIT of a transaction that failed earlier answers ROLLBACK: nothing was written.
        if status != "COMMIT" {
            throw transaction.failure
                ?? KeywardError(.storage, "The database rolled the transaction back instead of committing it")
        }
    }

    /// Rolls back whatever is open; a connection that cannot roll back is not reused.
    static func rollback(_ connection: PostgresConnection) {
        guard !connection.isBroken, connection.isInTransaction else { return }
        do {
            try connection.executeScript("ROLLBACK")
        } catch {
            connection.isBroken = true
        }
    }

    // MARK: Connections

    /// The idle-in-transaction timeout of every session: a client that stalls mid-transaction
    /// (and so holds the write lock) is disconnected after it.
    static let idleInTransactionTimeoutMilliseconds = 60_000

    /// Opens and sets up one pooled connection.
    static func openConnection(_ configuration: PostgresConfiguration) throws -> PostgresConnection {
        do {
            let connection = try PostgresConnection(parameters: configuration.connectionParameters())
            try connection.execute(
                """
                SELECT set_config('search_path', $1, false), set_config('statement_timeout', $2, false),
                    set_config('idle_in_transaction_session_timeout', $3, false), set_config('jit', 'off', false)
                """,
                [
                    "\"\(configuration.schema)\"", String(configuration.statementTimeoutMilliseconds),
                    String(idleInTransactionTimeoutMilliseconds),
                ]
            )
            return connection
        } catch let error as PostgresError {
            throw connectError(error)
        }
    }

    /// "Cannot connect to PostgreSQL: <libpq's first line>", as `unavailable`. libpq never puts
    /// the password in its messages.
    static func connectError(_ error: PostgresError) -> KeywardError {
        KeywardError(.unavailable, "Cannot connect to PostgreSQL: \(error.message)", cause: error)
    }
}
