import FoundationEssentials
import KeywardCore

extension PostgresTransaction {
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
            var values: [any PostgresBindable] = [
                event.time, event.actor.kind.rawValue, event.actor.id, event.actor.label, event.event,
                event.targetType, event.targetID, event.targetLabel, event.clientIP, details,
            ]
            let explicitID = keepsIDs && event.id > 0
            if explicitID { values.append(event.id) }
            try db.execute(
                """
                INSERT INTO audit_events (
                    time, actor_kind, actor_id, actor_label, event, target_type, target_id, target_label,
                    client_ip, details\(explicitID ? ", id" : "")
                ) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10\(explicitID ? ", $11" : ""))
                """,
                values
            )
        }
    }

    func auditEvents(matching query: AuditQuery) throws -> AuditPage {
        try perform { db in
            var whereClause = ""
            var values: [any PostgresBindable] = []
            if !query.search.isEmpty {
                let columns = [
                    "event", "actor_kind", "actor_label", "target_type", "target_id", "target_label", "client_ip",
                ]
                values = [query.search.lowercasedLikeContainsPattern]
                whereClause = "WHERE " + columns.map { "lower(\($0)) LIKE $1 ESCAPE '\\'" }.joined(separator: " OR ")
            }
            let matching =
                try db.fetchOne("SELECT count(*) FROM audit_events \(whereClause)", values) { Int($0.int64(0)) } ?? 0
            guard query.limit > 0, query.offset < matching else { return AuditPage(events: [], matching: matching) }

            let decoder = JSONDecoder()
            let next = values.count + 1
            let events = try db.fetchAll(
                """
                SELECT id, time, actor_kind, actor_id, actor_label, event, target_type, target_id, target_label,
                    client_ip, details
                FROM audit_events \(whereClause)
                ORDER BY time DESC, id DESC LIMIT $\(next) OFFSET $\(next + 1)
                """,
                values + [query.limit, query.offset]
            ) { row in
                guard let kind = AuditActor.Kind(rawValue: row.string(2)),
                    let details = try? decoder.decode([String: String].self, from: Data(row.string(10).utf8))
                else {
                    throw KeywardError(.storage, "An audit event in the database cannot be read")
                }
                return AuditEvent(
                    id: row.int64(0),
                    time: row.date(1),
                    actor: AuditActor(kind: kind, id: row.optionalInt64(3), label: row.string(4)),
                    event: row.string(5),
                    targetType: row.string(6),
                    targetID: row.string(7),
                    targetLabel: row.string(8),
                    clientIP: row.optionalString(9),
                    details: details
                )
            }
            return AuditPage(events: events, matching: matching)
        }
    }
}
