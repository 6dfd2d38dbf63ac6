import CKeywardSQLite
import KeywardCore

extension SQLiteStore {
    /// Where the database lives.
    enum DatabaseKind: Sendable {
        /// A file: WAL journal, URI parsing off.
        case file
        /// A `memdb` VFS URI shared by the store's connections.
        case memory
    }

    /// What a connection is for.
    enum ConnectionRole: Sendable {
        /// Runs migrations and every write transaction.
        case writer
        /// Runs read transactions; `query_only`.
        case reader
    }

    /// The busy timeout of every connection, in milliseconds.
    static let busyTimeoutMilliseconds = 5000

    /// Opens and configures one connection.
    static func openConnection(location: String, kind: DatabaseKind, role: ConnectionRole) throws -> SQLiteConnection {
        var flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX
        if role == .writer { flags |= SQLITE_OPEN_CREATE }
        if kind == .memory { flags |= SQLITE_OPEN_URI }
        do {
            let connection = try SQLiteConnection(location: location, flags: flags)
            // No writes to sqlite_schema through pragmas, no double-quoted string literals.
            try connection.configure(SQLITE_DBCONFIG_DEFENSIVE, enabled: true)
            try connection.configure(SQLITE_DBCONFIG_DQS_DML, enabled: false)
            try connection.configure(SQLITE_DBCONFIG_DQS_DDL, enabled: false)
            try connection.executeScript(
                """
                PRAGMA busy_timeout = \(busyTimeoutMilliseconds);
                PRAGMA foreign_keys = ON;
                PRAGMA synchronous = FULL;
                PRAGMA trusted_schema = OFF;
                """
            )
            if kind == .file {
                // Persistent in the file; a filesystem without shared memory keeps the rollback
                // journal, which is slower under concurrency but just as safe.
                _ = try connection.fetchOne("PRAGMA journal_mode = WAL") { $0.string(at: 0) }
                // After a burst of writes, checkpoints shrink the WAL back to at most 64 MiB.
                try connection.executeScript("PRAGMA journal_size_limit = 67108864")
            }
            if role == .reader {
                try connection.executeScript("PRAGMA query_only = ON")
            }
            return connection
        } catch let error as SQLiteError {
            throw KeywardError(.storage, "Cannot open the SQLite database", cause: error)
        }
    }
}
