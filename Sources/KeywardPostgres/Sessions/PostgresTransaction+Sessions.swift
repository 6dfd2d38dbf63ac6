import FoundationEssentials
import KeywardCore

extension PostgresTransaction {
    static let sessionColumns = """
        token_hash, admin_id, csrf_token, created_at, last_seen_at, expires_at, client_ip, user_agent
        """

    func insertSession(_ session: AdminSession) throws {
        try perform(foreignKeyMessage: "The session's admin does not exist") { db in
            try db.execute(
                "INSERT INTO admin_sessions (\(Self.sessionColumns)) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                [
                    session.tokenHash, session.adminID, session.csrfToken, session.createdAt, session.lastSeenAt,
                    session.expiresAt, session.clientIP, session.userAgent,
                ]
            )
        }
    }

    func session(tokenHash: Digest32) throws -> AdminSession? {
        try perform { db in
            try db.fetchOne(
                "SELECT \(Self.sessionColumns) FROM admin_sessions WHERE token_hash = $1",
                [tokenHash],
                row: Self.session
            )
        }
    }

    func touchSession(tokenHash: Digest32, at time: Date) throws {
        // Never moves activity back in time when two nodes touch the same session.
        try perform { db in
            try db.execute(
                "UPDATE admin_sessions SET last_seen_at = $1 WHERE token_hash = $2 AND last_seen_at < $1",
                [time, tokenHash]
            )
        }
    }

    func deleteSession(tokenHash: Digest32) throws {
        try perform { db in
            try db.execute("DELETE FROM admin_sessions WHERE token_hash = $1", [tokenHash])
        }
    }

    func deleteSessions(adminID: Int64) throws {
        try perform { db in
            try db.execute("DELETE FROM admin_sessions WHERE admin_id = $1", [adminID])
        }
    }

    func deleteExpiredSessions(before time: Date, idleBefore: Date) throws {
        try perform { db in
            try db.execute(
                "DELETE FROM admin_sessions WHERE expires_at < $1 OR last_seen_at < $2", [time, idleBefore])
        }
    }

    /// A session from a row of ``sessionColumns``.
    static func session(_ row: PostgresRow) throws -> AdminSession {
        AdminSession(
            tokenHash: try row.digest(0),
            adminID: row.int64(1),
            csrfToken: row.string(2),
            createdAt: row.date(3),
            lastSeenAt: row.date(4),
            expiresAt: row.date(5),
            clientIP: row.string(6),
            userAgent: row.string(7)
        )
    }
}
