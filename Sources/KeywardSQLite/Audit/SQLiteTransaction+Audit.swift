import FoundationEssentials
import KeywardCore

extension SQLiteTransaction {
    func appendAudit(_ event: AuditEvent) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let details: String
        do {
            details = String(decoding: try encoder.encode(event.details), as: UTF8.self)
        } catch {
            throw KeywardError(.internal, "The audit event's details cannot be encoded")
        }
        try perform { db in
            try db.execute(
                """
                INSERT INTO audit_events (
                    time, actor_kind, actor_id, actor_label, event, target_type, target_id, target_label,
                    client_ip, details
                ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                event.time,
                event.actor.kind.rawValue,
                event.actor.id,
                event.actor.label,
                event.event,
                event.targetType,
                event.targetID,
                event.targetLabel,
                event.clientIP,
                details
            )
        }
    }

    func auditEvents(matching query: AuditQuery) throws -> AuditPage {
        try perform { db in
            var whereClause = ""
            var values: [any SQLiteBindable] = []
            if !query.search.isEmpty {
                let columns = [
                    "event", "actor_kind", "actor_label", "target_type", "target_id", "target_label", "client_ip",
                ]
                whereClause = "WHERE " + columns.map { "\($0) LIKE ? ESCAPE '\\'" }.joined(separator: " OR ")
                let pattern: any SQLiteBindable = query.search.likeContainsPattern
                values = Array(repeating: pattern, count: columns.count)
            }
            let matching =
                try db.fetchOne("SELECT count(*) FROM audit_events \(whereClause)", arguments: values) {
                    Int($0.int64(at: 0))
                } ?? 0
            guard query.limit > 0, query.offset < matching else { return AuditPage(events: [], matching: matching) }

            let decoder = JSONDecoder()
            var events: [AuditEvent] = []
            try db.forEachRow(
                """
                SELECT id, time, actor_kind, actor_id, actor_label, event, target_type, target_id, target_label,
                    client_ip, details
                FROM audit_events \(whereClause)
                ORDER BY time DESC, id DESC LIMIT ? OFFSET ?
                """,
                arguments: values + [query.limit, query.offset]
            ) { row in
                guard let kind = AuditActor.Kind(rawValue: row.string(at: 2)),
                    let details = try? decoder.decode([String: String].self, from: Data(row.string(at: 10).utf8))
                else {
                    throw KeywardError(.storage, "An audit event in the database cannot be read")
                }
                events.append(
                    AuditEvent(
                        id: row.int64(at: 0),
                        time: row.date(at: 1),
                        actor: AuditActor(kind: kind, id: row.optionalInt64(at: 3), label: row.string(at: 4)),
                        event: row.string(at: 5),
                        targetType: row.string(at: 6),
                        targetID: row.string(at: 7),
                        targetLabel: row.string(at: 8),
                        clientIP: row.optionalString(at: 9),
                        details: details
                    )
                )
            }
            return AuditPage(events: events, matching: matching)
        }
    }
}
