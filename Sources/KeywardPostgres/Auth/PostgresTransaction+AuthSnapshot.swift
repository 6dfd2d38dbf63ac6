import KeywardCore

extension PostgresTransaction {
    func authSnapshot() throws -> AuthSnapshot {
        // One REPEATABLE READ transaction, so every part and the feed position describe the same
        // committed state.
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
            try db.fetchOne(
                """
                SELECT c.id, c.identifier, c.admin_id, c.key_id, c.secret_hash, c.compat_hash, \(Self.roleIDsSQL)
                FROM api_credentials c WHERE c.id = $1
                """,
                [id]
            ) { row in
                var record = try Self.credentialAuthRecord(row, keyID: row.string(3))
                record.roleIDs = row.int64Array(6)
                return record
            }
        }
    }

    func adminAuthRecord(id: Int64) throws -> AdminAuthRecord? {
        try perform { db in
            try db.fetchOne(
                "SELECT \(Self.adminAuthColumns) FROM admins WHERE id = $1", [id], row: Self.adminAuthRecord)
        }
    }

    /// Every credential's record, by id, streamed with two `COPY … TO STDOUT (FORMAT binary)`.
    ///
    /// A million credentials would make a single result of a few hundred megabytes inside libpq,
    /// and a cursor read batch by batch leaves the server idle while the client decodes. COPY
    /// streams: the role links first (two integers a row) into one array, then the credentials in
    /// id order, merged with the links as they arrive, while the server is still producing. Key
    /// ids repeat across millions of rows, so equal ones share one string.
    private func credentialAuthRecords(_ db: PostgresConnection) throws -> [CredentialAuthRecord] {
        var links: [(credentialID: Int64, roleID: Int64)] = []
        let linkEstimate = try db.fetchOne("SELECT count(*) FROM api_credential_roles") { $0.int64(0) } ?? 0
        links.reserveCapacity(Int(clamping: min(max(linkEstimate, 0), 1 << 25)))
        try db.copyOut("SELECT credential_id, role_id FROM api_credential_roles ORDER BY credential_id, role_id") {
            links.append(($0.int64(0), $0.int64(1)))
        }

        var records: [CredentialAuthRecord] = []
        let estimate = try db.fetchOne("SELECT max(id) FROM api_credentials") { $0.int64(0) } ?? 0
        records.reserveCapacity(Int(clamping: min(max(estimate, 0), 1 << 24)))
        var keyIDs = KeyIDInterner()
        var next = 0
        try db.copyOut(
            "SELECT id, identifier, admin_id, key_id, secret_hash, compat_hash FROM api_credentials ORDER BY id"
        ) { row in
            var record = CredentialAuthRecord(
                id: row.int64(0),
                identifier: row.string(1),
                adminID: row.int64(2),
                roleIDs: [],
                digest: SecretDigest(
                    keyID: keyIDs.intern(row.bytes(3)),
                    secretHash: try Self.digest(row.bytes(4)),
                    compatHash: try Self.digest(row.bytes(5))
                )
            )
            // Links of credentials that are not in the snapshot (none, with foreign keys) are skipped.
            while next < links.count, links[next].credentialID <= record.id {
                if links[next].credentialID == record.id { record.roleIDs.append(links[next].roleID) }
                next += 1
            }
            records.append(record)
        }
        return records
    }

    /// A 32-byte hash from a COPY field.
    private static func digest(_ bytes: UnsafeRawBufferPointer) throws -> Digest32 {
        guard bytes.count == 32 else {
            throw KeywardError(.storage, "A stored hash is \(bytes.count) bytes long, not 32")
        }
        return Digest32(
            words: (
                UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
                UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self)),
                UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 16, as: UInt64.self)),
                UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
            )
        )
    }

    private static let adminAuthColumns = "id, username, group_id, is_disabled, password_hash"

    /// A record without its roles, from a row whose first six columns are id, identifier,
    /// admin id, key id, secret hash and compat hash.
    private static func credentialAuthRecord(_ row: PostgresRow, keyID: String) throws -> CredentialAuthRecord {
        CredentialAuthRecord(
            id: row.int64(0),
            identifier: row.string(1),
            adminID: row.int64(2),
            roleIDs: [],
            digest: SecretDigest(keyID: keyID, secretHash: try row.digest(4), compatHash: try row.digest(5))
        )
    }

    /// An admin's record, from a row of ``adminAuthColumns``.
    private static func adminAuthRecord(_ row: PostgresRow) -> AdminAuthRecord {
        AdminAuthRecord(
            id: row.int64(0),
            username: row.string(1),
            groupID: row.int64(2),
            isDisabled: row.bool(3),
            passwordHash: row.string(4)
        )
    }
}

/// Returns one shared `String` for equal key ids while streaming rows, comparing bytes in place.
private struct KeyIDInterner {
    private var last: String?
    private var lastBytes: [UInt8] = []

    mutating func intern(_ bytes: UnsafeRawBufferPointer) -> String {
        let same = bytes.count == lastBytes.count && lastBytes.withUnsafeBytes { $0.elementsEqual(bytes) }
        if same, let last { return last }
        let keyID = String(decoding: bytes, as: UTF8.self)
        last = keyID
        lastBytes = Array(bytes)
        return keyID
    }
}
