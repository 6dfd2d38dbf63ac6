import FoundationEssentials
import KeywardCore

/// Admin-area sessions in the store: started at sign-in, looked up by the keyed hash of the
/// cookie's token on every request, expired when idle or too old, ended at sign-out.
///
/// The token exists only in the browser's cookie; the store keeps its keyed hash (purpose
/// ``purpose``), so a copy of the database does not let anyone sign in.
struct AdminSessions: Sendable {
    /// The hashing purpose of session tokens.
    static let purpose = "admin-session"
    /// Activity is written at most this often (seconds), so browsing does not write on every page.
    static let touchInterval: TimeInterval = 60

    /// What a cookie's token leads to.
    enum Lookup: Sendable {
        /// A live session; `touched` says the store was updated with this request's time.
        case active(AdminSession)
        /// A session that existed but expired (and is now deleted).
        case expired
        /// No session has this token.
        case unknown
    }

    let store: any Store
    let secrets: any SecretHasher
    let generator: any CredentialGenerator
    let clock: any WallClock
    /// Seconds without a request before a session ends.
    let idleTimeout: TimeInterval
    /// Seconds after sign-in when a session ends however active it is.
    let absoluteTimeout: TimeInterval

    /// The keyed hash of a token, as stored.
    func hash(_ token: String) -> Digest32 { secrets.hash(token: token, purpose: Self.purpose) }

    /// Starts a session for an admin who just signed in and returns the cookie's token.
    ///
    /// A session the browser still presented (`previousToken`) is deleted first: every sign-in
    /// gets a fresh token, so a token planted before sign-in is worthless after it. Expired
    /// sessions of every admin are cleared out on the way.
    func start(adminID: Int64, clientIP: String, userAgent: String, previousToken: String?) throws -> (
        token: String, session: AdminSession
    ) {
        let now = clock.now()
        let token = generator.newToken()
        let session = AdminSession(
            tokenHash: hash(token),
            adminID: adminID,
            csrfToken: generator.newToken(),
            createdAt: now,
            lastSeenAt: now,
            expiresAt: now.addingTimeInterval(absoluteTimeout),
            clientIP: clientIP,
            userAgent: String(userAgent.prefix(255))
        )
        try store.write { tx in
            if let previousToken { try tx.deleteSession(tokenHash: hash(previousToken)) }
            try tx.deleteExpiredSessions(before: now, idleBefore: now.addingTimeInterval(-idleTimeout))
            try tx.insertSession(session)
        }
        return (token, session)
    }

    /// The session a token belongs to, if it is still live. Records activity at most once per
    /// ``touchInterval``; an expired session is deleted.
    func lookup(token: String) throws -> Lookup {
        guard Self.isPlausible(token) else { return .unknown }
        let tokenHash = hash(token)
        guard var session = try store.read({ tx in try tx.session(tokenHash: tokenHash) }) else { return .unknown }
        let now = clock.now()
        if session.expiresAt <= now || session.lastSeenAt.addingTimeInterval(idleTimeout) <= now {
            try store.write { tx in try tx.deleteSession(tokenHash: tokenHash) }
            return .expired
        }
        if now.timeIntervalSince(session.lastSeenAt) >= Self.touchInterval {
            try store.write { tx in try tx.touchSession(tokenHash: tokenHash, at: now) }
            session.lastSeenAt = now
        }
        return .active(session)
    }

    /// Ends the session of a token (sign-out); an unknown token is ignored.
    func end(token: String) throws {
        guard Self.isPlausible(token) else { return }
        let tokenHash = hash(token)
        try store.write { tx in try tx.deleteSession(tokenHash: tokenHash) }
    }

    /// Ends every session of an admin (its password was changed by someone else).
    func endAll(adminID: Int64) throws {
        try store.write { tx in try tx.deleteSessions(adminID: adminID) }
    }

    /// Whether a cookie value could be a token at all (bounded, URL-safe), so junk is not hashed
    /// or looked up.
    static func isPlausible(_ token: String) -> Bool {
        let count = token.utf8.count
        return count >= 16 && count <= 256
            && token.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
                    true
                default:
                    false
                }
            }
    }
}
