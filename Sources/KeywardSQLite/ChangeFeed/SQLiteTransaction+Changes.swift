import FoundationEssentials
import KeywardCore

extension SQLiteTransaction {
    func appendChange(_ entity: Change.Entity, id: Int64) throws {
        // One writer at a time and AUTOINCREMENT: positions grow in commit order and are never
        // reused. The protocol passes no time, so the store's clock stamps the entry for pruning.
        try perform { db in
            try db.execute(
                "INSERT INTO changes (entity, entity_id, created_at) VALUES (?, ?, ?)",
                entity.rawValue,
                id,
                clock.now()
            )
        }
    }

    func changes(after seq: Int64, limit: Int) throws -> [Change] {
        try perform { db in
            try db.fetchAll(
                "SELECT seq, entity, entity_id FROM changes WHERE seq > ? ORDER BY seq LIMIT ?",
                seq,
                max(0, limit)
            ) { row in
                // A name this build does not know can only mean "something changed": reload all.
                Change(
                    seq: row.int64(at: 0),
                    entity: Change.Entity(rawValue: row.string(at: 1)) ?? .all,
                    entityID: row.int64(at: 2)
                )
            }
        }
    }

    func latestChangeSeq() throws -> Int64 {
        try perform { db in
            try db.fetchOne("SELECT coalesce(max(seq), 0) FROM changes") { $0.int64(at: 0) } ?? 0
        }
    }

    func pruneChanges(before time: Date) throws {
        try perform { db in
            try db.execute(
                "DELETE FROM changes WHERE created_at < ? AND seq < (SELECT max(seq) FROM changes)",
                time
            )
        }
    }
}
