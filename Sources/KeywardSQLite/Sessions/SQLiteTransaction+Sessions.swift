import FoundationEssentials
import KeywardCore

extension SQLiteTransaction {
    private static let sessionColumns = """
        token_hash, admin_id, csrf_token, created_at, last_seen_at, expires_at, client_ip, user_agent
        """

    func insertSession(_ session: AdminSession) throws {
        try perform(foreignKeyMessage: "The session's admin does not exist") { db in
            try db.execute(
                "INSERT INTO admin_sessions (\(Self.sessionColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                session.tokenHash,
                session.adminID,
                session.csrfToken,
                session.createdAt,
                session.lastSeenAt,
                session.expiresAt,
                session.clientIP,
                session.userAgent
            )
        }
    }

    func session(tokenHash: Digest32) throws -> AdminSession? {
        try perform { db in
            try db.fetchOne(
                "SELECT \(Self.sessionColumns) FROM admin_sessions WHERE token_hash = ?",
                tokenHash
            ) { row in
                AdminSession(
                    tokenHash: try row.digest(at: 0),
                    adminID: row.int64(at: 1),
                    csrfToken: row.string(at: 2),
                    createdAt: row.date(at: 3),
                    lastSeenAt: row.date(at: 4),
                    expiresAt: row.date(at: 5),
                    clientIP: row.string(at: 6),
                    userAgent: row.string(at: 7)
                )
            }
        }
    }

    func touchSession(tokenHash: Digest32, at time: Date) throws {
        // Never moves activity back in time when two nodes touch the same session.
        try perform { db in
            try db.execute(
                "UPDATE admin_sessions SET last_seen_at = ? WHERE token_hash = ? AND last_seen_at < ?",
                time,
                tokenHash,
                time
            )
        }
    }

    func deleteSession(tokenHash: Digest32) throws {
        try perform { db in
            try db.execute("DELETE FROM admin_sessions WHERE token_hash = ?", tokenHash)
        }
    }

    func deleteSessions(adminID: Int64) throws {
        try perform { db in
            try db.execute("DELETE FROM admin_sessions WHERE admin_id = ?", adminID)
        }
    }

    func deleteExpiredSessions(before time: Date, idleBefore: Date) throws {
        try perform { db in
            try db.execute(
                "DELETE FROM admin_sessions WHERE expires_at < ? OR last_seen_at < ?",
                time,
                idleBefore
            )
        }
    }
}
