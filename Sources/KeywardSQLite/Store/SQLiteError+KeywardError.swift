import CKeywardSQLite
import KeywardCore

extension SQLiteError {
    /// The ``KeywardError`` callers see for this SQLite error.
    ///
    /// Uniqueness violations become `conflict` with a message naming the entity, derived from the
    /// constraint's table and column (never from the values); foreign-key violations become
    /// `conflict` with `foreignKeyMessage`, because SQLite does not say which reference failed;
    /// a database still busy or locked after the busy timeout becomes `unavailable`; anything
    /// else becomes `storage` with a generic message. The SQLite error is kept as the cause.
    ///
    /// - Parameters:
    ///   - foreignKeyMessage: What a broken reference means for the operation that failed.
    ///   - inReadTransaction: Whether the failure happened in a read transaction, where a write
    ///     attempt is a programming error rather than a read-only database.
    func keywardError(foreignKeyMessage: String? = nil, inReadTransaction: Bool = false) -> KeywardError {
        switch primaryCode {
        case SQLITE_CONSTRAINT:
            switch extendedCode {
            case keyward_sqlite_constraint_unique, keyward_sqlite_constraint_primarykey:
                return KeywardError(.conflict, uniquenessMessage, cause: self)
            case keyward_sqlite_constraint_foreignkey,
                // ON DELETE RESTRICT reports its foreign-key failure with the trigger code.
                keyward_sqlite_constraint_trigger where message.hasPrefix("FOREIGN KEY"):
                return KeywardError(
                    .conflict,
                    foreignKeyMessage ?? "The change would break a reference between records",
                    cause: self
                )
            default:
                return KeywardError(.storage, "The database rejected a change", cause: self)
            }
        case SQLITE_BUSY, SQLITE_LOCKED:
            return KeywardError(.unavailable, "The database is busy; try again", cause: self)
        case SQLITE_READONLY where inReadTransaction:
            return KeywardError(.internal, "A read transaction cannot change the database", cause: self)
        case SQLITE_READONLY:
            return KeywardError(.storage, "The database is read-only", cause: self)
        case SQLITE_FULL:
            return KeywardError(.storage, "The database or disk is full", cause: self)
        default:
            return KeywardError(.storage, "The database failed", cause: self)
        }
    }

    /// "An admin with this username already exists", from "UNIQUE constraint failed: admins.username_key".
    private var uniquenessMessage: String {
        // SQLite names the columns as "table.column[, table.column...]" after the colon.
        let columns = message.split(separator: ":", maxSplits: 1).last.map { $0.trimmed } ?? ""
        let first = columns.split(separator: ",").first.map { $0.trimmed } ?? ""
        if let known = Self.uniqueColumns[first] { return known }
        let table = first.split(separator: ".").first.map(String.init) ?? ""
        if let entity = Self.entities[table] { return "\(entity) with these values already exists" }
        return "A record with these values already exists"
    }

    /// Messages for the unique columns of the schema.
    private static let uniqueColumns: [String: String] = [
        "admin_groups.id": "An admin group with this id already exists",
        "admin_groups.name_key": "An admin group with this name already exists",
        "admins.id": "An admin with this id already exists",
        "admins.uuid": "An admin with this UUID already exists",
        "admins.username_key": "An admin with this username already exists",
        "api_roles.id": "An API role with this id already exists",
        "api_roles.name_key": "An API role with this name already exists",
        "api_credentials.id": "A credential with this id already exists",
        "api_credentials.identifier": "A credential with this identifier already exists",
        "api_allowlist.network": "This network is already on the allowlist",
        "api_actions.key": "The action catalog lists an action twice",
        "admin_sessions.token_hash": "A session with this token already exists",
    ]

    /// Entity names by table, for unique columns without their own message.
    private static let entities: [String: String] = [
        "admin_groups": "An admin group",
        "admin_group_permissions": "A group permission",
        "admins": "An admin",
        "api_roles": "An API role",
        "api_role_actions": "A role action",
        "api_credentials": "A credential",
        "api_credential_roles": "A credential role",
        "api_allowlist": "An allowlist entry",
        "api_actions": "An action",
        "settings": "A setting",
        "changes": "A change",
        "audit_events": "An audit event",
        "admin_sessions": "A session",
    ]
}
