import KeywardCore

extension PostgresTransaction {
    func allowlist() throws -> [AllowlistEntry] {
        try perform { db in
            try db.fetchAll("SELECT id, network, note, created_at FROM api_allowlist ORDER BY id") { row in
                AllowlistEntry(id: row.int64(0), network: row.string(1), note: row.string(2), createdAt: row.date(3))
            }
        }
    }

    func insertAllowlistEntry(_ entry: AllowlistEntry) throws -> Int64 {
        try perform { db in
            var values: [any PostgresBindable] = [entry.network, entry.note, entry.createdAt]
            let explicitID = keepsIDs && entry.id > 0
            if explicitID { values.append(entry.id) }
            return try db.fetchOne(
                """
                INSERT INTO api_allowlist (network, note, created_at\(explicitID ? ", id" : ""))
                VALUES ($1, $2, $3\(explicitID ? ", $4" : "")) RETURNING id
                """,
                values
            ) { $0.int64(0) } ?? 0
        }
    }

    func deleteAllowlistEntry(id: Int64) throws {
        try perform { db in
            let result = try db.execute("DELETE FROM api_allowlist WHERE id = $1", [id])
            try requireChange(result, "Allowlist entry \(id) not found")
        }
    }
}
