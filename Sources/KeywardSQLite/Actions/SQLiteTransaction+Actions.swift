import KeywardCore

extension SQLiteTransaction {
    func actions() throws -> [ActionDescriptor] {
        try perform { db in
            try db.fetchAll(
                "SELECT name, category, summary FROM api_actions ORDER BY category, name"
            ) { row in
                ActionDescriptor(name: row.string(at: 0), category: row.string(at: 1), summary: row.string(at: 2))
            }
        }
    }

    func replaceActions(_ actions: [ActionDescriptor]) throws {
        try perform { db in
            try db.execute("DELETE FROM api_actions")
            for action in actions {
                try db.execute(
                    "INSERT INTO api_actions (key, name, category, summary) VALUES (?, ?, ?, ?)",
                    action.key,
                    action.name,
                    action.category,
                    action.summary
                )
            }
        }
    }
}
