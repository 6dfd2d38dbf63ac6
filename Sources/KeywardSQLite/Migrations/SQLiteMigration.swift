import FoundationEssentials

/// One versioned step of the schema, applied once and recorded in `keyward_migrations`.
///
/// Migrations are append-only: a released migration never changes, a later one alters what it
/// made. Each runs in its own `BEGIN IMMEDIATE` transaction together with its record, so a
/// database is never left half-migrated.
struct SQLiteMigration: Sendable {
    /// The version the database has after this migration; versions count up from 1 without gaps.
    let version: Int
    /// A short name for the record, such as `initial schema`.
    let name: String
    /// Applies the migration; `time` is the migration's timestamp (for seeded rows).
    let apply: @Sendable (_ connection: SQLiteConnection, _ time: Date) throws -> Void

    /// Every migration this build knows, in version order.
    static let all: [SQLiteMigration] = [.initialSchema]

    /// The schema version this build creates: the last migration's version.
    static var latestVersion: Int { all.last?.version ?? 0 }
}
