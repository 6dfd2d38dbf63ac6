import FoundationEssentials

/// One versioned step of the schema, applied once and recorded in `keyward_migrations`.
///
/// Migrations are append-only, as the SQLite store's are, and numbered alike: version N means the
/// same tables, columns and rules in both stores. Each runs in its own transaction together with its
/// record, so a database is never left half-migrated.
struct PostgresMigration: Sendable {
    /// The version the database has after this migration; versions count up from 1 without gaps.
    let version: Int
    /// A short name for the record, such as `initial schema`.
    let name: String
    /// Applies the migration inside its transaction; `time` stamps seeded rows.
    let apply: @Sendable (_ connection: PostgresConnection, _ time: Date) throws -> Void

    /// Every migration this build knows, in version order.
    static let all: [PostgresMigration] = [.initialSchema]

    /// The schema version this build creates: the last migration's version.
    static var latestVersion: Int { all.last?.version ?? 0 }
}

extension PostgresMigration {
    /// Every table the migrations create, dependents first (the order `DROP TABLE` needs), and
    /// the serial id column of those that have one.
    static let tables: [(name: String, serialColumn: String?)] = [
        ("admin_sessions", nil), ("api_credential_roles", nil), ("api_credentials", "id"),
        ("api_role_actions", nil), ("api_roles", "id"), ("admins", "id"), ("admin_group_permissions", nil),
        ("admin_groups", "id"), ("changes", "seq"), ("audit_events", "id"), ("settings", nil),
        ("api_allowlist", "id"), ("api_actions", nil), ("keyward_migrations", nil),
    ]
}
