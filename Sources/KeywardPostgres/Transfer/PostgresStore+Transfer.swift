import KeywardCore

extension PostgresStore {
    /// Every admin-area session, by token hash: what `keyward migrate-data` copies to another
    /// database (the store protocol can look sessions up but not list them).
    public func sessions() throws -> [AdminSession] {
        try transaction(.read) { transaction in
            try transaction.perform { db in
                try db.fetchAll(
                    "SELECT \(PostgresTransaction.sessionColumns) FROM admin_sessions ORDER BY token_hash",
                    row: PostgresTransaction.session
                )
            }
        }
    }

    /// Runs `body` in a write transaction in which inserts keep the ids of the values they are
    /// given, for copying a database from elsewhere (`keyward migrate-data`).
    ///
    /// Groups, admins, roles, credentials, allowlist entries and audit events given with an id
    /// above 0 are stored with that id. Before `body` runs, the change feed's sequence moves to at
    /// least `feedPosition`, so the next change lands after the source's last one; after it, every
    /// id sequence moves past the largest id stored, so later inserts never collide.
    ///
    /// - Throws: What `body` throws (the transaction rolls back), or the store's errors.
    public func importing<T>(feedPosition: Int64, _ body: (any StoreTransaction) throws -> T) throws -> T {
        try transaction(.write, keepsIDs: true) { transaction in
            if feedPosition > 0 {
                try transaction.perform { db in
                    try db.execute(
                        """
                        SELECT setval(s.sequence, greatest($1, coalesce(pg_sequence_last_value(s.sequence), 0)))
                        FROM (SELECT pg_get_serial_sequence('changes', 'seq')::regclass AS sequence) AS s
                        """,
                        [feedPosition]
                    )
                }
            }
            let result = try body(transaction)
            try transaction.perform { db in
                for case (let table, let column?) in PostgresMigration.tables {
                    // Constant names from the migrations, not input.
                    try db.execute(
                        """
                        SELECT setval(s.sequence, greatest(m.largest, coalesce(pg_sequence_last_value(s.sequence), 0), 1),
                            m.largest > 0 OR pg_sequence_last_value(s.sequence) IS NOT NULL)
                        FROM (SELECT pg_get_serial_sequence('\(table)', '\(column)')::regclass AS sequence) AS s,
                            (SELECT coalesce(max(\(column)), 0) AS largest FROM \(table)) AS m
                        """
                    )
                }
            }
            return result
        }
    }

    /// Deletes Keyward's tables (all data and the migration record) from the configured schema,
    /// then the schema itself when it is not `public` and nothing else is left in it.
    ///
    /// For `keyward migrate-data --force` and for tests. Runs under the migration lock, so it
    /// never races a node that is creating the tables.
    public static func erase(_ configuration: PostgresConfiguration) throws {
        try configuration.validate()
        let connection: PostgresConnection
        do {
            connection = try PostgresConnection(parameters: configuration.connectionParameters())
        } catch let error as PostgresError {
            throw connectError(error)
        }
        defer { connection.close() }
        do {
            let lock = AdvisoryLock.migrations(schema: configuration.schema)
            try connection.execute(
                "SELECT set_config('statement_timeout', $1, false)",
                [String(PostgresMigrator.lockTimeoutMilliseconds)])
            try connection.execute("SELECT pg_advisory_lock($1)", [lock.key])
            let schema = "\"\(configuration.schema)\""
            for (table, _) in PostgresMigration.tables {
                try connection.executeScript("DROP TABLE IF EXISTS \(schema).\(table) CASCADE")
            }
            if configuration.schema != "public" {
                do {
                    try connection.executeScript("DROP SCHEMA IF EXISTS \(schema)")
                } catch let error as PostgresError where error.sqlState == "2BP01" {
                    // Other objects live in the schema: keep it.
                }
            }
            try connection.execute("SELECT pg_advisory_unlock($1)", [lock.key])
        } catch let error as PostgresError {
            throw error.keywardError()
        }
    }
}
