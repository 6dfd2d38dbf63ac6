import FoundationEssentials
import KeywardCore

extension SQLiteMigration {
    /// Version 1: the whole schema, and the three built-in admin groups with ids 1, 2 and 3.
    static let initialSchema = SQLiteMigration(version: 1, name: "initial schema") { connection, time in
        try connection.executeScript(initialSchemaSQL)
        for group in AdminGroup.builtIn(at: time) {
            try connection.execute(
                """
                INSERT INTO admin_groups (id, name, name_key, is_builtin, created_at, updated_at)
                VALUES (?, ?, ?, 1, ?, ?)
                """,
                group.id,
                group.name,
                group.name.lowercased(),
                group.createdAt,
                group.updatedAt
            )
            for permission in group.permissions.sorted() {
                try connection.execute(
                    "INSERT INTO admin_group_permissions (group_id, permission) VALUES (?, ?)",
                    group.id,
                    permission.name
                )
            }
        }
    }

    /// The schema of version 1.
    ///
    /// Conventions: every table is `STRICT`; times are INTEGER milliseconds since 1970; Booleans
    /// are INTEGER 0/1. Names that are unique case-insensitively (usernames, group and role
    /// names) keep the display text and a `*_key` column holding Swift's `lowercased()` of it:
    /// the key carries the UNIQUE constraint and the lookups, so uniqueness is case-insensitive
    /// for all of Unicode (SQLite's NOCASE folds ASCII only) and agrees with other stores.
    ///
    /// Room for the credential lifecycle (a later migration, no table rebuild):
    ///
    ///     ALTER TABLE api_credentials ADD COLUMN expires_at INTEGER;               -- NULL: never
    ///     ALTER TABLE api_credentials ADD COLUMN is_enabled INTEGER NOT NULL DEFAULT 1;
    ///     CREATE TABLE api_credential_networks (                                  -- IP allowlist
    ///         credential_id INTEGER NOT NULL REFERENCES api_credentials(id) ON DELETE CASCADE,
    ///         network TEXT NOT NULL,                                              -- canonical CIDR
    ///         PRIMARY KEY (credential_id, network)
    ///     ) STRICT, WITHOUT ROWID;
    ///
    /// Existing rows then read as "never expires, enabled, no per-credential allowlist", which is
    /// what they mean today.
    // Ids of groups, admins, roles and credentials are AUTOINCREMENT: an id is never reused, so a
    // last-access record or an audit event of a deleted row can never land on a new one.
    static let initialSchemaSQL = """
        CREATE TABLE admin_groups (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL UNIQUE,
            is_builtin INTEGER NOT NULL DEFAULT 0 CHECK (is_builtin IN (0, 1)),
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        ) STRICT;

        CREATE TABLE admin_group_permissions (
            group_id INTEGER NOT NULL REFERENCES admin_groups (id) ON DELETE CASCADE,
            permission TEXT NOT NULL,
            PRIMARY KEY (group_id, permission)
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE admins (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uuid TEXT NOT NULL UNIQUE,
            username TEXT NOT NULL,
            username_key TEXT NOT NULL UNIQUE,
            first_name TEXT NOT NULL DEFAULT '',
            last_name TEXT NOT NULL DEFAULT '',
            email TEXT NOT NULL DEFAULT '',
            group_id INTEGER NOT NULL REFERENCES admin_groups (id) ON DELETE RESTRICT,
            is_disabled INTEGER NOT NULL DEFAULT 0 CHECK (is_disabled IN (0, 1)),
            notes TEXT NOT NULL DEFAULT '',
            signature TEXT NOT NULL DEFAULT '',
            password_hash TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        ) STRICT;
        -- Also serves the foreign-key check when a group is deleted.
        CREATE INDEX admins_by_group ON admins (group_id);

        CREATE TABLE api_roles (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL UNIQUE,
            description TEXT NOT NULL DEFAULT '',
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        ) STRICT;

        CREATE TABLE api_role_actions (
            role_id INTEGER NOT NULL REFERENCES api_roles (id) ON DELETE CASCADE,
            action TEXT NOT NULL, -- lower-cased, as ActionDescriptor.key
            PRIMARY KEY (role_id, action)
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE api_credentials (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            identifier TEXT NOT NULL UNIQUE,
            admin_id INTEGER NOT NULL REFERENCES admins (id) ON DELETE CASCADE,
            description TEXT NOT NULL DEFAULT '',
            key_id TEXT NOT NULL,
            secret_hash BLOB NOT NULL CHECK (length(secret_hash) = 32),
            compat_hash BLOB NOT NULL CHECK (length(compat_hash) = 32),
            created_at INTEGER NOT NULL,
            last_access_at INTEGER,
            last_access_ip TEXT
        ) STRICT;
        -- One index per sort column of the credentials table (identifier has its UNIQUE index);
        -- SQLite appends the rowid, which is the tie-breaker of every sort.
        CREATE INDEX api_credentials_by_admin ON api_credentials (admin_id);
        CREATE INDEX api_credentials_by_description ON api_credentials (description COLLATE NOCASE);
        CREATE INDEX api_credentials_by_created ON api_credentials (created_at);
        CREATE INDEX api_credentials_by_last_access ON api_credentials (last_access_at);

        CREATE TABLE api_credential_roles (
            credential_id INTEGER NOT NULL REFERENCES api_credentials (id) ON DELETE CASCADE,
            role_id INTEGER NOT NULL REFERENCES api_roles (id) ON DELETE CASCADE,
            PRIMARY KEY (credential_id, role_id)
        ) STRICT, WITHOUT ROWID;
        -- Role deletion (the cascade) and "which credentials hold this role".
        CREATE INDEX api_credential_roles_by_role ON api_credential_roles (role_id, credential_id);

        -- The change feed. AUTOINCREMENT: a position is never reused, even after pruning.
        CREATE TABLE changes (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            entity TEXT NOT NULL,
            entity_id INTEGER NOT NULL,
            created_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX changes_by_created ON changes (created_at);

        CREATE TABLE audit_events (
            id INTEGER PRIMARY KEY,
            time INTEGER NOT NULL,
            actor_kind TEXT NOT NULL,
            actor_id INTEGER,
            actor_label TEXT NOT NULL,
            event TEXT NOT NULL,
            target_type TEXT NOT NULL,
            target_id TEXT NOT NULL DEFAULT '',
            target_label TEXT NOT NULL DEFAULT '',
            client_ip TEXT,
            details TEXT NOT NULL DEFAULT '{}' -- a JSON object of strings, keys sorted
        ) STRICT;
        CREATE INDEX audit_events_by_time ON audit_events (time);

        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE api_allowlist (
            id INTEGER PRIMARY KEY,
            network TEXT NOT NULL UNIQUE,
            note TEXT NOT NULL DEFAULT '',
            created_at INTEGER NOT NULL
        ) STRICT;

        -- Admin-area sessions, keyed by the keyed hash of the cookie's token; they end with their admin.
        CREATE TABLE admin_sessions (
            token_hash BLOB PRIMARY KEY CHECK (length(token_hash) = 32),
            admin_id INTEGER NOT NULL REFERENCES admins (id) ON DELETE CASCADE,
            csrf_token TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            last_seen_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            client_ip TEXT NOT NULL,
            user_agent TEXT NOT NULL
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX admin_sessions_by_admin ON admin_sessions (admin_id);
        CREATE INDEX admin_sessions_by_expiry ON admin_sessions (expires_at);
        CREATE INDEX admin_sessions_by_last_seen ON admin_sessions (last_seen_at);

        CREATE TABLE api_actions (
            key TEXT PRIMARY KEY, -- the lower-cased name
            name TEXT NOT NULL,
            category TEXT NOT NULL,
            summary TEXT NOT NULL DEFAULT ''
        ) STRICT, WITHOUT ROWID;
        """
}
