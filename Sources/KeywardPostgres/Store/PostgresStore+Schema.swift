extension PostgresStore {
    /// The schema version this build of Keyward creates and understands.
    public static var latestSchemaVersion: Int { PostgresMigration.latestVersion }

    /// The schema version recorded in the database (``latestSchemaVersion`` once opened).
    public func schemaVersion() throws -> Int {
        try transaction(.read) { transaction in
            try transaction.perform { try PostgresMigrator.appliedVersion($0) }
        }
    }
}
