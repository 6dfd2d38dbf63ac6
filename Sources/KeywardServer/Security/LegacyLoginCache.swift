import FoundationEssentials
import KeywardCore
import Synchronization

/// Remembers legacy admin logins (username + MD5(password)) that passed Argon2id, so a client that
/// keeps using one does not pay 80 ms per request.
///
/// Entries are keyed by a keyed hash of the pair (never the MD5 itself) and stay valid only while
/// the admin is enabled, keeps `API Access` and keeps the same password hash; they expire after
/// ``lifetime`` seconds. Uses are counted here too and written to the activity log as deprecated in
/// batches.
public final class LegacyLoginCache: Sendable {
    struct Entry {
        var adminID: Int64
        var passwordHash: String
        var expires: Double
    }

    /// A batch of legacy-login uses by one admin from one IP.
    public struct Use: Hashable, Sendable {
        /// The admin.
        public var adminID: Int64
        /// Its username.
        public var username: String
        /// The client IP.
        public var ip: String
    }

    private let entries = Mutex<[Digest32: Entry]>([:])
    private let uses = Mutex<[Use: Int]>([:])
    private let hasher: any SecretHasher
    /// Seconds a verified login is remembered.
    public let lifetime: Double
    private let capacity = 10_000

    /// Creates a cache.
    public init(hasher: any SecretHasher, lifetime: Double = 300) {
        self.hasher = hasher
        self.lifetime = lifetime
    }

    func key(username: String, md5Hex: String) -> Digest32 {
        hasher.hash(token: username.lowercased() + "\u{0}" + md5Hex.lowercased(), purpose: "legacy-login")
    }

    /// The cached admin for this pair, if still valid per `isCurrent`.
    public func lookup(
        username: String,
        md5Hex: String,
        now: Double,
        isCurrent: (Int64, String) -> Bool
    ) -> Int64? {
        let key = key(username: username, md5Hex: md5Hex)
        guard let entry = entries.withLock({ $0[key] }), entry.expires > now,
            isCurrent(entry.adminID, entry.passwordHash)
        else { return nil }
        return entry.adminID
    }

    /// Remembers a verified pair.
    public func remember(username: String, md5Hex: String, adminID: Int64, passwordHash: String, now: Double) {
        let key = key(username: username, md5Hex: md5Hex)
        entries.withLock { entries in
            if entries.count >= capacity { entries = entries.filter { $0.value.expires > now } }
            if entries.count >= capacity { entries.removeAll() }
            entries[key] = Entry(adminID: adminID, passwordHash: passwordHash, expires: now + lifetime)
        }
    }

    /// Counts one use for the deprecation log.
    public func countUse(adminID: Int64, username: String, ip: String) {
        uses.withLock { $0[Use(adminID: adminID, username: username, ip: ip), default: 0] += 1 }
    }

    /// Takes the counted uses.
    public func drainUses() -> [Use: Int] {
        uses.withLock { uses in
            defer { uses.removeAll() }
            return uses
        }
    }
}
