import KeywardCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension SQLiteTransaction {
    func authSnapshot() throws -> AuthSnapshot {
        // One transaction, so every part and the feed position describe the same committed state.
        let seq = try latestChangeSeq()
        let credentials = try perform(credentialAuthRecords)
        let admins = try perform { db in
            try db.fetchAll("SELECT \(Self.adminAuthColumns) FROM admins ORDER BY id", row: Self.adminAuthRecord)
        }
        return AuthSnapshot(
            credentials: credentials,
            admins: admins,
            roles: try roles(),
            groups: try groups(),
            settings: try settings(),
            allowlist: try allowlist(),
            seq: seq
        )
    }

    func credentialAuthRecord(id: Int64) throws -> CredentialAuthRecord? {
        try perform { db in
            guard
                var record = try db.fetchOne(
                    "SELECT \(Self.credentialAuthColumns) FROM api_credentials WHERE id = ?",
                    id,
                    row: { try Self.credentialAuthRecord($0, keyID: $0.string(at: 3)) }
                )
            else { return nil }
            record.roleIDs = try roleIDs(credentialID: id, db)
            return record
        }
    }

    func adminAuthRecord(id: Int64) throws -> AdminAuthRecord? {
        try perform { db in
            try db.fetchOne("SELECT \(Self.adminAuthColumns) FROM admins WHERE id = ?", id, row: Self.adminAuthRecord)
        }
    }

    /// Every credential's record, by id, in one pass over each table.
    ///
    /// The credentials and their role links are both read in credential-id order (the role links
    /// are a `WITHOUT ROWID` table keyed by credential then role, so that is their stored order)
    /// and merged as they stream: no per-credential query, no map. Key ids repeat across
    /// millions of rows, so equal ones share one string.
    private func credentialAuthRecords(_ db: SQLiteConnection) throws -> [CredentialAuthRecord] {
        var records: [CredentialAuthRecord] = []
        let estimate = try db.fetchOne("SELECT max(id) FROM api_credentials") { $0.int64(at: 0) } ?? 0
        records.reserveCapacity(Int(clamping: min(estimate, 1 << 24)))

        try db.withStatement("SELECT \(Self.credentialAuthColumns) FROM api_credentials ORDER BY id") { credentials in
            try db.withStatement(
                "SELECT credential_id, role_id FROM api_credential_roles ORDER BY credential_id, role_id"
            ) { links in
                // The current link, read once per step.
                var link: (credentialID: Int64, roleID: Int64)? =
                    try links.step() ? (links.int64(at: 0), links.int64(at: 1)) : nil
                var keyIDs = KeyIDInterner()
                while try credentials.step() {
                    let keyID = keyIDs.intern(credentials, column: 3)
                    var record = try Self.credentialAuthRecord(credentials, keyID: keyID)
                    // Skip links of credentials that are not in the snapshot (none, with foreign keys).
                    while let current = link, current.credentialID <= record.id {
                        if current.credentialID == record.id { record.roleIDs.append(current.roleID) }
                        link = try links.step() ? (links.int64(at: 0), links.int64(at: 1)) : nil
                    }
                    records.append(record)
                }
            }
        }
        return records
    }

    private static let credentialAuthColumns = "id, identifier, admin_id, key_id, secret_hash, compat_hash"

    /// A record without its roles, from a row of ``credentialAuthColumns``.
    private static func credentialAuthRecord(_ row: SQLiteStatement, keyID: String) throws -> CredentialAuthRecord {
        CredentialAuthRecord(
            id: row.int64(at: 0),
            identifier: row.string(at: 1),
            adminID: row.int64(at: 2),
            roleIDs: [],
            digest: SecretDigest(keyID: keyID, secretHash: try row.digest(at: 4), compatHash: try row.digest(at: 5))
        )
    }

    private static let adminAuthColumns = "id, username, group_id, is_disabled, password_hash"

    /// An admin's record, from a row of ``adminAuthColumns``.
    private static func adminAuthRecord(_ row: SQLiteStatement) -> AdminAuthRecord {
        AdminAuthRecord(
            id: row.int64(at: 0),
            username: row.string(at: 1),
            groupID: row.int64(at: 2),
            isDisabled: row.bool(at: 3),
            passwordHash: row.string(at: 4)
        )
    }
}

/// Returns one shared `String` for equal key ids while streaming rows, comparing bytes in place.
private struct KeyIDInterner {
    private var last: String?
    private var lastBytes: [UInt8] = []

    mutating func intern(_ row: SQLiteStatement, column: Int32) -> String {
        let same = row.withBlob(at: column) { bytes in
            guard bytes.count == lastBytes.count else { return false }
            return lastBytes.withUnsafeBytes { stored in
                guard let incoming = bytes.baseAddress, let known = stored.baseAddress else { return true }
                return memcmp(known, incoming, bytes.count) == 0
            }
        }
        if same, let last { return last }
        let keyID = row.string(at: column)
        last = keyID
        lastBytes = Array(keyID.utf8)
        return keyID
    }
}
