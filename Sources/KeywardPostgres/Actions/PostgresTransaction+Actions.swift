import KeywardCore

extension PostgresTransaction {
    func actions() throws -> [ActionDescriptor] {
        try perform { db in
            try db.fetchAll("SELECT name, category, summary FROM api_actions ORDER BY category, name") { row in
                ActionDescriptor(name: row.string(0), category: row.string(1), summary: row.string(2))
            }
        }
    }

    func replaceActions(_ actions: [ActionDescriptor]) throws {
        try perform { db in
            try db.execute("DELETE FROM api_actions")
            guard !actions.isEmpty else { return }
            try db.execute(
                """
                INSERT INTO api_actions (key, name, category, summary)
                SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
                """,
                [
                    PostgresValue.textArray(actions.map(\.key)), PostgresValue.textArray(actions.map(\.name)),
                    PostgresValue.textArray(actions.map(\.category)), PostgresValue.textArray(actions.map(\.summary)),
                ]
            )
        }
    }
}
