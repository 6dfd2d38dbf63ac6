import KeywardCore

extension SQLiteTransaction {
    static let credentialColumns = """
        c.id, c.identifier, c.admin_id, c.description, c.created_at, c.last_access_at, c.last_access_ip
        """

    func insertCredential(_ credential: APICredential, digest: SecretDigest) throws -> Int64 {
        try perform(foreignKeyMessage: "The credential's admin or one of its API roles does not exist") { db in
            try db.execute(
                """
                INSERT INTO api_credentials (
                    identifier, admin_id, description, key_id, secret_hash, compat_hash, created_at,
                    last_access_at, last_access_ip
                ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                credential.identifier,
                credential.adminID,
                credential.description,
                digest.keyID,
                digest.secretHash,
                digest.compatHash,
                credential.createdAt,
                credential.lastAccessAt,
                credential.lastAccessIP
            )
            let id = db.lastInsertRowID
            try insertRoleLinks(credential.roleIDs, credentialID: id, db)
            return id
        }
    }

    func credential(id: Int64) throws -> APICredential? {
        try perform { db in
            try db.fetchOne(
                "SELECT \(Self.credentialColumns) FROM api_credentials c WHERE c.id = ?",
                id,
                row: Self.credential
            )
            .map { try withRoleIDs($0, db) }
        }
    }

    func credential(identifier: String) throws -> APICredential? {
        try perform { db in
            try db.fetchOne(
                "SELECT \(Self.credentialColumns) FROM api_credentials c WHERE c.identifier = ?",
                identifier,
                row: Self.credential
            )
            .map { try withRoleIDs($0, db) }
        }
    }

    func credentialIDs(adminID: Int64) throws -> [Int64] {
        try perform { db in
            try db.fetchAll("SELECT id FROM api_credentials WHERE admin_id = ? ORDER BY id", adminID) {
                $0.int64(at: 0)
            }
        }
    }

    func setCredentialDescription(id: Int64, description: String) throws {
        try perform { db in
            try db.execute("UPDATE api_credentials SET description = ? WHERE id = ?", description, id)
            try requireChange(db, "Credential \(id) not found")
        }
    }

    func setCredentialRoles(id: Int64, roleIDs: [Int64]) throws {
        try perform(foreignKeyMessage: "One of the API roles does not exist") { db in
            guard try db.fetchOne("SELECT 1 FROM api_credentials WHERE id = ?", id, row: { _ in true }) != nil else {
                throw KeywardError.notFound("Credential \(id) not found")
            }
            try db.execute("DELETE FROM api_credential_roles WHERE credential_id = ?", id)
            try insertRoleLinks(roleIDs, credentialID: id, db)
        }
    }

    func deleteCredential(id: Int64) throws {
        try perform { db in
            try db.execute("DELETE FROM api_credentials WHERE id = ?", id)
            try requireChange(db, "Credential \(id) not found")
        }
    }

    func recordLastAccess(_ records: [LastAccess]) throws {
        // A record older than what is stored (another node wrote a newer one) never moves the
        // time back; a missing credential matches no row.
        try perform { db in
            for record in records {
                try db.execute(
                    """
                    UPDATE api_credentials SET last_access_at = ?, last_access_ip = ?
                    WHERE id = ? AND (last_access_at IS NULL OR last_access_at <= ?)
                    """,
                    record.time,
                    record.ip,
                    record.credentialID,
                    record.time
                )
            }
        }
    }

    /// The role ids of one credential, sorted.
    func roleIDs(credentialID: Int64, _ db: SQLiteConnection) throws -> [Int64] {
        try db.fetchAll(
            "SELECT role_id FROM api_credential_roles WHERE credential_id = ? ORDER BY role_id",
            credentialID
        ) { $0.int64(at: 0) }
    }

    private func insertRoleLinks(_ roleIDs: [Int64], credentialID: Int64, _ db: SQLiteConnection) throws {
        for roleID in Set(roleIDs).sorted() {
            try db.execute(
                "INSERT INTO api_credential_roles (credential_id, role_id) VALUES (?, ?)",
                credentialID,
                roleID
            )
        }
    }

    private func withRoleIDs(_ credential: APICredential, _ db: SQLiteConnection) throws -> APICredential {
        var credential = credential
        credential.roleIDs = try roleIDs(credentialID: credential.id, db)
        return credential
    }

    /// A credential without its roles, from a row of ``credentialColumns``.
    static func credential(_ row: SQLiteStatement) -> APICredential {
        APICredential(
            id: row.int64(at: 0),
            identifier: row.string(at: 1),
            adminID: row.int64(at: 2),
            description: row.string(at: 3),
            createdAt: row.date(at: 4),
            lastAccessAt: row.optionalDate(at: 5),
            lastAccessIP: row.optionalString(at: 6)
        )
    }
}
