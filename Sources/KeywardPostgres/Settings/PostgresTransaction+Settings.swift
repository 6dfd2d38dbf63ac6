import KeywardCore

extension PostgresTransaction {
    func settings() throws -> [String: String] {
        try perform { db in
            var settings: [String: String] = [:]
            for (key, value) in try db.fetchAll(
                "SELECT key, value FROM settings", row: { ($0.string(0), $0.string(1)) })
            {
                settings[key] = value
            }
            return settings
        }
    }

    func setSetting(_ key: String, to value: String?) throws {
        try perform { db in
            if let value {
                try db.execute(
                    """
                    INSERT INTO settings (key, value) VALUES ($1, $2)
                    ON CONFLICT (key) DO UPDATE SET value = excluded.value
                    """,
                    [key, value]
                )
            } else {
                try db.execute("DELETE FROM settings WHERE key = $1", [key])
            }
        }
    }
}
