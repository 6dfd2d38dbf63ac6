import KeywardCore

extension SQLiteTransaction {
    func allowlist() throws -> [AllowlistEntry] {
        try perform { db in
            try db.fetchAll("SELECT id, network, note, created_at FROM api_allowlist ORDER BY id") { row in
                AllowlistEntry(
                    id: row.int64(at: 0),
                    network: row.string(at: 1),
                    note: row.string(at: 2),
                    createdAt: row.date(at: 3)
                )
            }
        }
    }

    func insertAllowlistEntry(_ entry: AllowlistEntry) throws -> Int64 {
        try perform { db in
            try db.execute(
                "INSERT INTO api_allowlist (network, note, created_at) VALUES (?, ?, ?)",
                entry.network,
                entry.note,
                entry.createdAt
            )
            return db.lastInsertRowID
        }
    }

    func deleteAllowlistEntry(id: Int64) throws {
        try perform { db in
            try db.execute("DELETE FROM api_allowlist WHERE id = ?", id)
            try requireChange(db, "Allowlist entry \(id) not found")
        }
    }
}
