import FoundationEssentials
import KeywardCore

/// Brings a database to ``PostgresMigration/latestVersion``, refusing one that is newer.
enum PostgresMigrator {
    /// How long a node waits for another node's migrations, in milliseconds.
    static let lockTimeoutMilliseconds = 120_000

    /// Applies every pending migration on a dedicated connection, then closes it.
    ///
    /// The connection holds a session advisory lock (one per schema) throughout, so nodes that
    /// start at once run the migrations one after the other: the first applies them, the others
    /// find the version current. The schema is created first when missing.
    ///
    /// - Throws: `unavailable` when the server cannot be reached, `storage` when the database was
    ///   written by a newer Keyward or a migration fails (its transaction is rolled back).
    static func migrate(
        configuration: PostgresConfiguration,
        migrations: [PostgresMigration] = PostgresMigration.all,
        now: () -> Date
    ) throws {
        let connection: PostgresConnection
        do {
            connection = try PostgresConnection(parameters: configuration.connectionParameters())
        } catch let error as PostgresError {
            throw PostgresStore.connectError(error)
        }
        defer { connection.close() }
        do {
            let lock = AdvisoryLock.migrations(schema: configuration.schema)
            try connection.execute(
                "SELECT set_config('statement_timeout', $1, false)", [String(lockTimeoutMilliseconds)])
            try connection.execute("SELECT pg_advisory_lock($1)", [lock.key])
            // The schema name passed validation ([a-z_][a-z0-9_]*), so quoting it is enough.
            if configuration.schema != "public" {
                try connection.executeScript("CREATE SCHEMA IF NOT EXISTS \"\(configuration.schema)\"")
            }
            try connection.execute("SELECT set_config('search_path', $1, false)", ["\"\(configuration.schema)\""])
            try connection.executeScript(
                """
                CREATE TABLE IF NOT EXISTS keyward_migrations (
                    version INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,
                    applied_at BIGINT NOT NULL
                )
                """
            )
            try apply(migrations, on: connection, now: now)
            try connection.execute("SELECT pg_advisory_unlock($1)", [lock.key])
        } catch let error as PostgresError {
            throw error.keywardError()
        }
    }

    private static func apply(_ migrations: [PostgresMigration], on connection: PostgresConnection, now: () -> Date)
        throws
    {
        let latest = migrations.last?.version ?? 0
        while true {
            try connection.executeScript("BEGIN")
            do {
                let current = try appliedVersion(connection)
                guard current <= latest else {
                    throw KeywardError(
                        .storage,
                        "The database has schema version \(current), but this build of Keyward knows only up to "
                            + "version \(latest); use a newer Keyward"
                    )
                }
                guard let next = migrations.first(where: { $0.version > current }) else {
                    try connection.executeScript("COMMIT")
                    return
                }
                guard next.version == current + 1 else {
                    throw KeywardError(.internal, "Migration \(next.version) cannot follow schema version \(current)")
                }
                let time = now()
                try next.apply(connection, time)
                try connection.execute(
                    "INSERT INTO keyward_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
                    [next.version, next.name, time]
                )
                try connection.executeScript("COMMIT")
            } catch {
                PostgresStore.rollback(connection)
                throw error
            }
        }
    }

    /// The highest applied version, 0 for a new database.
    static func appliedVersion(_ connection: PostgresConnection) throws -> Int {
        try connection.fetchOne("SELECT coalesce(max(version), 0) FROM keyward_migrations") {
            Int($0.int64(0))
        } ?? 0
    }
}
