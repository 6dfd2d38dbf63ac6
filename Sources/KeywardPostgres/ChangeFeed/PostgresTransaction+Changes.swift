import FoundationEssentials
import KeywardCore

extension PostgresTransaction {
    /// The channel of change notifications; the payload is the schema, so stores on other schemas
    /// of the same database ignore each other's changes.
    static let notificationChannel = "keyward_changes"

    func appendChange(_ entity: Change.Entity, id: Int64) throws {
        // Positions come from a sequence, which alone would not be enough: a sequence value is
        // taken when the INSERT runs, not when the transaction commits, so two writers could
        // commit 8 before 7, and a reader in between would move past 7 forever. Every write
        // transaction holds the store's write lock from BEGIN to COMMIT (see PostgresStore), so
        // the next writer draws its position only after this one committed: positions become
        // visible in commit order. The notification is queued with the row and delivered by the
        // server at commit (and never for a rollback); equal notifications of one transaction
        // collapse into one. The protocol passes no time, so the store's clock stamps the entry
        // for pruning.
        try perform { db in
            try db.execute(
                """
                WITH appended AS (
                    INSERT INTO changes (entity, entity_id, created_at) VALUES ($1, $2, $3) RETURNING seq
                )
                SELECT pg_notify($4, $5) FROM appended
                """,
                [entity.rawValue, id, clock.now(), Self.notificationChannel, schema]
            )
        }
    }

    func changes(after seq: Int64, limit: Int) throws -> [Change] {
        try perform { db in
            try db.fetchAll(
                "SELECT seq, entity, entity_id FROM changes WHERE seq > $1 ORDER BY seq LIMIT $2",
                [seq, max(0, limit)]
            ) { row in
                // A name this build does not know can only mean "something changed": reload all.
                Change(
                    seq: row.int64(0),
                    entity: Change.Entity(rawValue: row.string(1)) ?? .all,
                    entityID: row.int64(2)
                )
            }
        }
    }

    func latestChangeSeq() throws -> Int64 {
        try perform { db in
            try db.fetchOne("SELECT coalesce(max(seq), 0) FROM changes") { $0.int64(0) } ?? 0
        }
    }

    func pruneChanges(before time: Date) throws {
        try perform { db in
            try db.execute(
                "DELETE FROM changes WHERE created_at < $1 AND seq < (SELECT max(seq) FROM changes)",
                [time]
            )
        }
    }
}
