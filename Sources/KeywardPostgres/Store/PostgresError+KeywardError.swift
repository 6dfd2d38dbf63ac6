import KeywardCore

extension PostgresError {
    /// The ``KeywardError`` callers see for this PostgreSQL error, matching the SQLite store's
    /// mapping code for code and, where the same rule broke, message for message.
    ///
    /// Uniqueness violations (23505) become `conflict` with a message chosen by the constraint's
    /// name (never from the values); foreign-key violations (23503) become `conflict` with
    /// `foreignKeyMessage`; serialization failures, deadlocks, lock and statement timeouts, a
    /// server out of connections, and every lost or refused connection become `unavailable`;
    /// anything else becomes `storage` with a generic message. The PostgreSQL error stays the cause.
    ///
    /// - Parameters:
    ///   - foreignKeyMessage: What a broken reference means for the operation that failed.
    ///   - inReadTransaction: Whether the failure happened in a read transaction, where a write
    ///     attempt is a programming error.
    func keywardError(foreignKeyMessage: String? = nil, inReadTransaction: Bool = false) -> KeywardError {
        if isConnectionFailure {
            return KeywardError(.unavailable, "The database connection was lost; try again", cause: self)
        }
        switch sqlState ?? "" {
        case "23505":
            return KeywardError(.conflict, uniquenessMessage, cause: self)
        case "23503":
            return KeywardError(
                .conflict,
                foreignKeyMessage ?? "The change would break a reference between records",
                cause: self
            )
        case "23502", "23514", "23P01", "22001", "22003":
            return KeywardError(.storage, "The database rejected a change", cause: self)
        case "22021", "22P05":
            return KeywardError(.invalidInput, "The text contains a character the database cannot store", cause: self)
        case "40001", "40P01", "55P03", "57014", "53300":
            return KeywardError(.unavailable, "The database is busy; try again", cause: self)
        case "25006" where inReadTransaction:
            return KeywardError(.internal, "A read transaction cannot change the database", cause: self)
        case "25006":
            return KeywardError(.storage, "The database is read-only", cause: self)
        case "53100":
            return KeywardError(.storage, "The database or disk is full", cause: self)
        default:
            return KeywardError(.storage, "The database failed", cause: self)
        }
    }

    /// "An admin with this username already exists", from the constraint `admins_username_key`.
    private var uniquenessMessage: String {
        if let constraint, let known = Self.uniqueConstraints[constraint] { return known }
        if let table, let entity = Self.entities[table] { return "\(entity) with these values already exists" }
        return "A record with these values already exists"
    }

    /// Messages for the unique constraints of the schema (named explicitly in the migrations),
    /// worded as the SQLite store words the same columns.
    private static let uniqueConstraints: [String: String] = [
        "admin_groups_pkey": "An admin group with this id already exists",
        "admin_groups_name_key": "An admin group with this name already exists",
        "admins_pkey": "An admin with this id already exists",
        "admins_uuid_key": "An admin with this UUID already exists",
        "admins_username_key": "An admin with this username already exists",
        "api_roles_pkey": "An API role with this id already exists",
        "api_roles_name_key": "An API role with this name already exists",
        "api_credentials_pkey": "A credential with this id already exists",
        "api_credentials_identifier_key": "A credential with this identifier already exists",
        "api_allowlist_network_key": "This network is already on the allowlist",
        "api_actions_pkey": "The action catalog lists an action twice",
        "admin_sessions_pkey": "A session with this token already exists",
    ]

    /// Entity names by table, for unique constraints without their own message.
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
