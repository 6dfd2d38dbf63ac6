import KeywardCore

extension SQLiteTransaction {
    func settings() throws -> [String: String] {
        try perform { db in
            var settings: [String: String] = [:]
            try db.forEachRow("SELECT key, value FROM settings") { settings[$0.string(at: 0)] = $0.string(at: 1) }
            return settings
        }
    }

    func setSetting(_ key: String, to value: String?) throws {
        try perform { db in
            if let value {
                try db.execute(
                    "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    key,
                    value
                )
            } else {
                try db.execute("DELETE FROM settings WHERE key = ?", key)
            }
        }
    }
}
