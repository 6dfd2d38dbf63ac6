import FoundationEssentials
import KeywardCore

/// Brings a database to ``SQLiteMigration/latestVersion``, refusing one that is newer.
enum SQLiteMigrator {
    /// Applies every pending migration, each in its own immediate transaction.
    ///
    /// Safe when several processes open the same file at once: the version is read inside the
    /// write transaction, so a migration another process applied in the meantime is skipped.
    ///
    /// - Throws: `storage` when the database was written by a newer Keyward (an unknown, higher
    ///   version), or when a migration fails (its transaction is rolled back).
    static func migrate(
        _ connection: SQLiteConnection,
        migrations: [SQLiteMigration] = SQLiteMigration.all,
        now: () -> Date
    ) throws {
        let latest = migrations.last?.version ?? 0
        while true {
            let appliedOne = try inTransaction(connection) { () -> Bool in
                try connection.executeScript(
                    """
                    CREATE TABLE IF NOT EXISTS keyward_migrations (
                        version INTEGER PRIMARY KEY,
                        name TEXT NOT NULL,
                        applied_at INTEGER NOT NULL
                    ) STRICT
                    """
                )
                let current = try appliedVersion(connection)
                guard current <= latest else {
                    throw KeywardError(
                        .storage,
                        "The database has schema version \(current), but this build of Keyward knows only up to "
                            + "version \(latest); use a newer Keyward"
                    )
                }
                guard let next = migrations.first(where: { $0.version > current }) else { return false }
                guard next.version == current + 1 else {
                    throw KeywardError(.internal, "Migration \(next.version) cannot follow schema version \(current)")
                }
                let time = now()
                try next.apply(connection, time)
                try connection.execute(
                    "INSERT INTO keyward_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    next.version,
                    next.name,
                    time
                )
                return true
            }
            if !appliedOne { return }
        }
    }

    /// The highest applied version, 0 for a new database.
    static func appliedVersion(_ connection: SQLiteConnection) throws -> Int {
        try connection.fetchOne("SELECT coalesce(max(version), 0) FROM keyward_migrations") {
            Int($0.int64(at: 0))
        } ?? 0
    }

    private static func inTransaction<T>(_ connection: SQLiteConnection, _ body: () throws -> T) throws -> T {
        do {
            try connection.execute("BEGIN IMMEDIATE")
            do {
                let result = try body()
                try connection.execute("COMMIT")
                return result
            } catch {
                if connection.isInTransaction { try? connection.execute("ROLLBACK") }
                throw error
            }
        } catch let error as SQLiteError {
            throw error.keywardError()
        }
    }
}
