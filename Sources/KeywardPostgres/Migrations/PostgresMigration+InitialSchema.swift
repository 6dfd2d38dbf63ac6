import FoundationEssentials
import KeywardCore

extension PostgresMigration {
    /// Version 1: the whole schema, and the three built-in admin groups with ids 1, 2 and 3.
    static let initialSchema = PostgresMigration(version: 1, name: "initial schema") { connection, time in
        try connection.executeScript(initialSchemaSQL)
        for group in AdminGroup.builtIn(at: time) {
            try connection.execute(
                """
                INSERT INTO admin_groups (id, name, name_key, is_builtin, created_at, updated_at)
                VALUES ($1, $2, $3, true, $4, $5)
                """,
                [group.id, group.name, group.name.lowercased(), group.createdAt, group.updatedAt]
            )
            for permission in group.permissions.sorted() {
                try connection.execute(
                    "INSERT INTO admin_group_permissions (group_id, permission) VALUES ($1, $2)",
                    [group.id, permission.name]
                )
            }
        }
        // The seeded rows carry explicit ids: new groups continue after them.
        try connection.executeScript(
            "SELECT setval(pg_get_serial_sequence('admin_groups', 'id'), (SELECT max(id) FROM admin_groups))")
    }

    /// The schema of version 1: the SQLite store's tables, column for column.
    ///
    /// Conventions, chosen so both stores behave alike: ids are `BIGSERIAL` (a sequence, so an id
    /// is never handed out twice, even after a delete); times are `BIGINT` milliseconds since
    /// 1970; hashes are `BYTEA` of exactly 32 bytes; Booleans are `BOOLEAN`. Every text column
    /// uses the "C" collation, so ordering compares bytes as SQLite's BINARY does, whatever the
    /// database's locale, and `lower()` folds ASCII only, as SQLite's NOCASE and LIKE do. Names
    /// that are unique case-insensitively (usernames, group and role names) keep the display text
    /// and a `*_key` column holding Swift's `lowercased()` of it, which carries the UNIQUE
    /// constraint and the lookups. Every constraint is named, so errors map to messages by name.
    static let initialSchemaSQL = """
        CREATE TABLE admin_groups (
            id BIGSERIAL CONSTRAINT admin_groups_pkey PRIMARY KEY,
            name TEXT COLLATE "C" NOT NULL,
            name_key TEXT COLLATE "C" NOT NULL CONSTRAINT admin_groups_name_key UNIQUE,
            is_builtin BOOLEAN NOT NULL DEFAULT false,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        );

        CREATE TABLE admin_group_permissions (
            group_id BIGINT NOT NULL
                CONSTRAINT admin_group_permissions_group_fkey REFERENCES admin_groups (id) ON DELETE CASCADE,
            permission TEXT COLLATE "C" NOT NULL,
            CONSTRAINT admin_group_permissions_pkey PRIMARY KEY (group_id, permission)
        );

        CREATE TABLE admins (
            id BIGSERIAL CONSTRAINT admins_pkey PRIMARY KEY,
            uuid TEXT COLLATE "C" NOT NULL CONSTRAINT admins_uuid_key UNIQUE,
            username TEXT COLLATE "C" NOT NULL,
            username_key TEXT COLLATE "C" NOT NULL CONSTRAINT admins_username_key UNIQUE,
            first_name TEXT COLLATE "C" NOT NULL DEFAULT '',
            last_name TEXT COLLATE "C" NOT NULL DEFAULT '',
            email TEXT COLLATE "C" NOT NULL DEFAULT '',
            group_id BIGINT NOT NULL
                CONSTRAINT admins_group_fkey REFERENCES admin_groups (id) ON DELETE RESTRICT,
            is_disabled BOOLEAN NOT NULL DEFAULT false,
            notes TEXT COLLATE "C" NOT NULL DEFAULT '',
            signature TEXT COLLATE "C" NOT NULL DEFAULT '',
            password_hash TEXT COLLATE "C" NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        );
        -- Also serves the foreign-key check when a group is deleted.
        CREATE INDEX admins_by_group ON admins (group_id);

        CREATE TABLE api_roles (
            id BIGSERIAL CONSTRAINT api_roles_pkey PRIMARY KEY,
            name TEXT COLLATE "C" NOT NULL,
            name_key TEXT COLLATE "C" NOT NULL CONSTRAINT api_roles_name_key UNIQUE,
            description TEXT COLLATE "C" NOT NULL DEFAULT '',
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        );

        CREATE TABLE api_role_actions (
            role_id BIGINT NOT NULL
                CONSTRAINT api_role_actions_role_fkey REFERENCES api_roles (id) ON DELETE CASCADE,
            action TEXT COLLATE "C" NOT NULL, -- lower-cased, as ActionDescriptor.key
            CONSTRAINT api_role_actions_pkey PRIMARY KEY (role_id, action)
        );

        CREATE TABLE api_credentials (
            id BIGSERIAL CONSTRAINT api_credentials_pkey PRIMARY KEY,
            identifier TEXT COLLATE "C" NOT NULL CONSTRAINT api_credentials_identifier_key UNIQUE,
            admin_id BIGINT NOT NULL
                CONSTRAINT api_credentials_admin_fkey REFERENCES admins (id) ON DELETE CASCADE,
            description TEXT COLLATE "C" NOT NULL DEFAULT '',
            key_id TEXT COLLATE "C" NOT NULL,
            secret_hash BYTEA NOT NULL CONSTRAINT api_credentials_secret_hash_check CHECK (octet_length(secret_hash) = 32),
            compat_hash BYTEA NOT NULL CONSTRAINT api_credentials_compat_hash_check CHECK (octet_length(compat_hash) = 32),
            created_at BIGINT NOT NULL,
            last_access_at BIGINT,
            last_access_ip TEXT COLLATE "C"
        );
        -- One index per sort column of the credentials table, each ending in the id that breaks
        -- ties (identifier has its UNIQUE index).
        CREATE INDEX api_credentials_by_admin ON api_credentials (admin_id, id);
        CREATE INDEX api_credentials_by_description ON api_credentials (lower(description), id);
        CREATE INDEX api_credentials_by_created ON api_credentials (created_at, id);
        CREATE INDEX api_credentials_by_last_access ON api_credentials (last_access_at, id);

        CREATE TABLE api_credential_roles (
            credential_id BIGINT NOT NULL
                CONSTRAINT api_credential_roles_credential_fkey REFERENCES api_credentials (id) ON DELETE CASCADE,
            role_id BIGINT NOT NULL
                CONSTRAINT api_credential_roles_role_fkey REFERENCES api_roles (id) ON DELETE CASCADE,
            CONSTRAINT api_credential_roles_pkey PRIMARY KEY (credential_id, role_id)
        );
        -- Role deletion (the cascade) and "which credentials hold this role".
        CREATE INDEX api_credential_roles_by_role ON api_credential_roles (role_id, credential_id);

        -- The change feed. A sequence never hands a position out twice, even after pruning; the
        -- store's write lock makes positions commit in order.
        CREATE TABLE changes (
            seq BIGSERIAL CONSTRAINT changes_pkey PRIMARY KEY,
            entity TEXT COLLATE "C" NOT NULL,
            entity_id BIGINT NOT NULL,
            created_at BIGINT NOT NULL
        );
        CREATE INDEX changes_by_created ON changes (created_at);

        CREATE TABLE audit_events (
            id BIGSERIAL CONSTRAINT audit_events_pkey PRIMARY KEY,
            time BIGINT NOT NULL,
            actor_kind TEXT COLLATE "C" NOT NULL,
            actor_id BIGINT,
            actor_label TEXT COLLATE "C" NOT NULL,
            event TEXT COLLATE "C" NOT NULL,
            target_type TEXT COLLATE "C" NOT NULL,
            target_id TEXT COLLATE "C" NOT NULL DEFAULT '',
            target_label TEXT COLLATE "C" NOT NULL DEFAULT '',
            client_ip TEXT COLLATE "C",
            details TEXT COLLATE "C" NOT NULL DEFAULT '{}' -- a JSON object of strings, keys sorted
        );
        CREATE INDEX audit_events_by_time ON audit_events (time, id);

        CREATE TABLE settings (
            key TEXT COLLATE "C" CONSTRAINT settings_pkey PRIMARY KEY,
            value TEXT COLLATE "C" NOT NULL
        );

        CREATE TABLE api_allowlist (
            id BIGSERIAL CONSTRAINT api_allowlist_pkey PRIMARY KEY,
            network TEXT COLLATE "C" NOT NULL CONSTRAINT api_allowlist_network_key UNIQUE,
            note TEXT COLLATE "C" NOT NULL DEFAULT '',
            created_at BIGINT NOT NULL
        );

        -- Admin-area sessions, keyed by the keyed hash of the cookie's token; they end with their admin.
        CREATE TABLE admin_sessions (
            token_hash BYTEA CONSTRAINT admin_sessions_pkey PRIMARY KEY
                CONSTRAINT admin_sessions_token_hash_check CHECK (octet_length(token_hash) = 32),
            admin_id BIGINT NOT NULL
                CONSTRAINT admin_sessions_admin_fkey REFERENCES admins (id) ON DELETE CASCADE,
            csrf_token TEXT COLLATE "C" NOT NULL,
            created_at BIGINT NOT NULL,
            last_seen_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL,
            client_ip TEXT COLLATE "C" NOT NULL,
            user_agent TEXT COLLATE "C" NOT NULL
        );
        CREATE INDEX admin_sessions_by_admin ON admin_sessions (admin_id);
        CREATE INDEX admin_sessions_by_expiry ON admin_sessions (expires_at);
        CREATE INDEX admin_sessions_by_last_seen ON admin_sessions (last_seen_at);

        CREATE TABLE api_actions (
            key TEXT COLLATE "C" CONSTRAINT api_actions_pkey PRIMARY KEY, -- the lower-cased name
            name TEXT COLLATE "C" NOT NULL,
            category TEXT COLLATE "C" NOT NULL,
            summary TEXT COLLATE "C" NOT NULL DEFAULT ''
        );
        """
}
