import FoundationEssentials

/// A signed-in admin-area session, stored so that every node behind a load balancer knows it and
/// sign-out (or disabling the admin) ends it everywhere.
///
/// Only a keyed hash of the session token is stored; the token itself lives in the browser's
/// `HttpOnly` cookie. The CSRF token is per session.
public struct AdminSession: Hashable, Sendable {
    /// Keyed hash of the cookie's token.
    public var tokenHash: Digest32
    /// The signed-in admin.
    public var adminID: Int64
    /// The CSRF token forms and scripts must echo (random, not secret from the page itself).
    public var csrfToken: String
    /// When the session started.
    public var createdAt: Date
    /// The last request seen (for idle expiry); updated at most about once a minute.
    public var lastSeenAt: Date
    /// The absolute expiry.
    public var expiresAt: Date
    /// The client IP at sign-in.
    public var clientIP: String
    /// The browser's User-Agent at sign-in, truncated.
    public var userAgent: String

    /// Creates a session value.
    public init(
        tokenHash: Digest32,
        adminID: Int64,
        csrfToken: String,
        createdAt: Date,
        lastSeenAt: Date,
        expiresAt: Date,
        clientIP: String,
        userAgent: String
    ) {
        self.tokenHash = tokenHash
        self.adminID = adminID
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
        self.expiresAt = expiresAt
        self.clientIP = clientIP
        self.userAgent = userAgent
    }
}
