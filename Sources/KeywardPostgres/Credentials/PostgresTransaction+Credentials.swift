import KeywardCore

extension PostgresTransaction {
    static let credentialColumns = """
        c.id, c.identifier, c.admin_id, c.description, c.created_at, c.last_access_at, c.last_access_ip
        """

    func insertCredential(_ credential: APICredential, digest: SecretDigest) throws -> Int64 {
        // The credential and its role links in one statement: one round trip per credential.
        try perform(foreignKeyMessage: "The credential's admin or one of its API roles does not exist") { db in
            var values: [any PostgresBindable] = [
                credential.identifier, credential.adminID, credential.description, digest.keyID, digest.secretHash,
                digest.compatHash, credential.createdAt, credential.lastAccessAt, credential.lastAccessIP,
                PostgresValue.int64Array(Set(credential.roleIDs).sorted()),
            ]
            let explicitID = keepsIDs && credential.id > 0
            if explicitID { values.append(credential.id) }
            return try db.fetchOne(
                """
                WITH inserted AS (
                    INSERT INTO api_credentials (
                        identifier, admin_id, description, key_id, secret_hash, compat_hash, created_at,
                        last_access_at, last_access_ip\(explicitID ? ", id" : "")
                    ) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9\(explicitID ? ", $11" : ""))
                    RETURNING id
                ), links AS (
                    INSERT INTO api_credential_roles (credential_id, role_id)
                    SELECT inserted.id, role_id FROM inserted, unnest($10::bigint[]) AS role_id
                )
                SELECT id FROM inserted
                """,
                values
            ) { $0.int64(0) } ?? 0
        }
    }

    func credential(id: Int64) throws -> APICredential? {
        try perform { db in
            try db.fetchOne(
                "SELECT \(Self.credentialColumns), \(Self.roleIDsSQL) FROM api_credentials c WHERE c.id = $1",
                [id],
                row: Self.credentialWithRoles
            )
        }
    }

    func credential(identifier: String) throws -> APICredential? {
        try perform { db in
            try db.fetchOne(
                "SELECT \(Self.credentialColumns), \(Self.roleIDsSQL) FROM api_credentials c WHERE c.identifier = $1",
                [identifier],
                row: Self.credentialWithRoles
            )
        }
    }

    func credentialIDs(adminID: Int64) throws -> [Int64] {
        try perform { db in
            try db.fetchAll("SELECT id FROM api_credentials WHERE admin_id = $1 ORDER BY id", [adminID]) {
                $0.int64(0)
            }
        }
    }

    func setCredentialDescription(id: Int64, description: String) throws {
        try perform { db in
            let result = try db.execute("UPDATE api_credentials SET description = $1 WHERE id = $2", [description, id])
            try requireChange(result, "Credential \(id) not found")
        }
    }

    func setCredentialRoles(id: Int64, roleIDs: [Int64]) throws {
        try perform(foreignKeyMessage: "One of the API roles does not exist") { db in
            guard try db.fetchOne("SELECT 1 FROM api_credentials WHERE id = $1", [id], row: { _ in true }) != nil
            else {
                throw KeywardError.notFound("Credential \(id) not found")
            }
            try db.execute("DELETE FROM api_credential_roles WHERE credential_id = $1", [id])
            if !roleIDs.isEmpty {
                try db.execute(
                    "INSERT INTO api_credential_roles (credential_id, role_id) SELECT $1, unnest($2::bigint[])",
                    [id, PostgresValue.int64Array(Set(roleIDs).sorted())]
                )
            }
        }
    }

    func deleteCredential(id: Int64) throws {
        try perform { db in
            let result = try db.execute("DELETE FROM api_credentials WHERE id = $1", [id])
            try requireChange(result, "Credential \(id) not found")
        }
    }

    func recordLastAccess(_ records: [LastAccess]) throws {
        guard !records.isEmpty else { return }
        // One statement for the whole batch. Applied one by one (as the SQLite store does), a
        // record counts when it is not older than what is stored, so for a credential listed twice
        // the last record with the newest time wins; keep exactly that one.
        var newest: [Int64: LastAccess] = [:]
        for record in records {
            if let kept = newest[record.credentialID], kept.time > record.time { continue }
            newest[record.credentialID] = record
        }
        let batch = newest.values.sorted { $0.credentialID < $1.credentialID }
        // Never moves the time back (another node may have written a newer one); a missing
        // credential matches no row.
        try perform { db in
            try db.execute(
                """
                UPDATE api_credentials AS c SET last_access_at = v.at, last_access_ip = v.ip
                FROM unnest($1::bigint[], $2::bigint[], $3::text[]) AS v (id, at, ip)
                WHERE c.id = v.id AND (c.last_access_at IS NULL OR c.last_access_at <= v.at)
                """,
                [
                    PostgresValue.int64Array(batch.map(\.credentialID)),
                    PostgresValue.int64Array(batch.map(\.time.millisecondsSince1970)),
                    PostgresValue.textArray(batch.map(\.ip)),
                ]
            )
        }
    }

    /// The credential's role ids, sorted, as a `bigint[]` column.
    static let roleIDsSQL = """
        array(SELECT cr.role_id FROM api_credential_roles cr WHERE cr.credential_id = c.id ORDER BY cr.role_id)
        """

    /// A credential from a row of ``credentialColumns`` followed by ``roleIDsSQL``.
    static func credentialWithRoles(_ row: PostgresRow) -> APICredential {
        var credential = credential(row)
        credential.roleIDs = row.int64Array(7)
        return credential
    }

    /// A credential without its roles, from a row of ``credentialColumns``.
    static func credential(_ row: PostgresRow) -> APICredential {
        APICredential(
            id: row.int64(0),
            identifier: row.string(1),
            adminID: row.int64(2),
            description: row.string(3),
            createdAt: row.date(4),
            lastAccessAt: row.optionalDate(5),
            lastAccessIP: row.optionalString(6)
        )
    }
}
