import CKeywardSQLite
import FoundationEssentials
import KeywardCore
import Synchronization

/// Keyward's store on SQLite, for one machine.
///
/// Shaped like GRDB's `DatabasePool`: one dedicated writer connection, serialized in-process, and a
/// bounded pool of reader connections. File databases use WAL, so readers never wait for the
/// writer and see the last committed state; every write is `BEGIN IMMEDIATE`, so another process
/// writing the same file waits up to the busy timeout (5 s) rather than failing at commit.
///
/// Each connection runs with `foreign_keys=ON`, `busy_timeout=5000`, `synchronous=FULL` (a
/// committed change survives a power failure; management writes are rare) and SQLite's defensive
/// mode. Reader connections are `query_only`, so a write inside ``read(_:)`` fails.
///
/// A transaction belongs to the thread that runs its closure: opening another transaction of
/// the same store from inside the closure throws `internal` at once instead of deadlocking (a
/// nested write would wait for the writer it holds) or reading around the open write.
///
/// ```swift
/// let store = try SQLiteStore(path: "/var/lib/keyward/keyward.sqlite")
/// let id = try store.write { try $0.insertRole(role) }
/// ```
public final class SQLiteStore: Store, Sendable {
    /// `sqlite:` and the path, or `sqlite::memory:` for an in-memory store.
    public let displayName: String

    private let writer: ConnectionPool
    private let readers: ConnectionPool
    private let clock: any WallClock
    /// Threads inside a transaction of this store.
    private let activeThreads = Mutex<Set<UInt>>([])

    /// Opens (creating if needed) the database file at `path` and brings its schema up to date.
    ///
    /// A new file is created with mode 0600; SQLite gives its `-wal` and `-shm` files the same
    /// mode. Migrations run before this returns.
    ///
    /// - Parameters:
    ///   - path: The database file. Its directory must exist.
    ///   - poolSize: How many read transactions can run at once (at least 1). Writes use one more,
    ///     dedicated connection.
    ///   - clock: The time recorded for change-feed entries and migrations.
    /// - Throws: `storage` when the file cannot be opened or was written by a newer Keyward;
    ///   `invalidInput` for an empty path or `:memory:` (use ``inMemory(poolSize:clock:)``).
    public convenience init(path: String, poolSize: Int = 4, clock: any WallClock = SystemClock()) throws {
        guard !path.isEmpty, path != ":memory:" else {
            throw KeywardError.invalidInput("A database path is required; use SQLiteStore.inMemory() for a test store")
        }
        try DatabaseFile.createIfMissing(path)
        // Debian's SQLite interprets "file:" names as URIs even without SQLITE_OPEN_URI.
        let location = path.hasPrefix("file:") ? "./" + path : path
        try self.init(
            location: location,
            kind: .file,
            poolSize: poolSize,
            clock: clock,
            displayName: "sqlite:\(path)"
        )
    }

    /// A new, empty, private in-memory database with the current schema.
    ///
    /// The database lives in SQLite's `memdb` VFS under a unique name, so the writer and the
    /// readers share it while no other store can reach it; it disappears on ``close()``. It has no
    /// WAL: readers and the writer take turns (waiting up to the busy timeout), which is fine for
    /// tests and tools.
    ///
    /// - Parameters:
    ///   - poolSize: How many read transactions can run at once (at least 1).
    ///   - clock: The time recorded for change-feed entries and migrations.
    public static func inMemory(poolSize: Int = 2, clock: any WallClock = SystemClock()) throws -> SQLiteStore {
        let name = "keyward-\(UUID().uuidString.lowercased())"
        return try SQLiteStore(
            location: "file:/\(name)?vfs=memdb",
            kind: .memory,
            poolSize: poolSize,
            clock: clock,
            displayName: "sqlite::memory:"
        )
    }

    private init(
        location: String,
        kind: DatabaseKind,
        poolSize: Int,
        clock: any WallClock,
        displayName: String
    ) throws {
        guard poolSize >= 1 else { throw KeywardError.invalidInput("The pool size must be at least 1") }
        let writerConnection = try Self.openConnection(location: location, kind: kind, role: .writer)
        try SQLiteMigrator.migrate(writerConnection) { clock.now() }
        self.writer = ConnectionPool(capacity: 1, initial: [writerConnection]) {
            try Self.openConnection(location: location, kind: kind, role: .writer)
        }
        self.readers = ConnectionPool(capacity: poolSize) {
            try Self.openConnection(location: location, kind: kind, role: .reader)
        }
        self.clock = clock
        self.displayName = displayName
    }

    deinit {
        close()
    }

    /// Runs `body` in a deferred read transaction on a reader connection.
    ///
    /// The transaction sees one committed state from its first read to its end. Writes fail
    /// with `internal`.
    public func read<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        try transaction(.read) { try body($0) }
    }

    /// Runs `body` in a `BEGIN IMMEDIATE` transaction on the writer connection; committed when
    /// `body` returns, rolled back when it throws.
    public func write<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        try transaction(.write) { try body($0) }
    }

    /// Closes every connection: idle ones now, busy ones when their transaction ends. Later
    /// transactions throw `unavailable`.
    public func close() {
        writer.close()
        readers.close()
    }

    /// Runs `body` in a transaction of `mode` on a connection of the matching pool.
    func transaction<T>(_ mode: SQLiteTransaction.Mode, _ body: (SQLiteTransaction) throws -> T) throws -> T {
        let pool = mode == .write ? writer : readers
        let thread = CurrentThread.id
        guard activeThreads.withLock({ $0.insert(thread).inserted }) else {
            throw KeywardError(
                .internal,
                "A store transaction was opened inside another one on the same thread; "
                    + "use the transaction passed to the outer closure"
            )
        }
        defer { _ = activeThreads.withLock { $0.remove(thread) } }

        return try pool.withConnection { connection in
            let inRead = mode == .read
            do {
                try connection.execute(mode == .write ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED")
            } catch let error as SQLiteError {
                throw error.keywardError(inReadTransaction: inRead)
            }
            let transaction = SQLiteTransaction(connection: connection, mode: mode, clock: clock)
            let result: T
            do {
                defer { transaction.invalidate() }
                result = try body(transaction)
            } catch {
                Self.rollback(connection)
                throw (error as? SQLiteError)?.keywardError(inReadTransaction: inRead) ?? error
            }
            do {
                try connection.execute("COMMIT")
            } catch let error as SQLiteError {
                Self.rollback(connection)
                throw error.keywardError(inReadTransaction: inRead)
            }
            return result
        }
    }

    /// Rolls back whatever is open; a connection that cannot roll back is not reused.
    private static func rollback(_ connection: SQLiteConnection) {
        // SQLite may already have rolled back by itself (after SQLITE_FULL, for example).
        guard connection.isInTransaction else { return }
        do {
            try connection.execute("ROLLBACK")
        } catch {
            connection.isBroken = true
        }
    }
}
