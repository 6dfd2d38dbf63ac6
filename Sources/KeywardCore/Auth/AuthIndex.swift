import FoundationEssentials
import KeywardSupport
import Synchronization

/// The in-memory authentication and authorization index: the API's per-request path.
///
/// It holds every credential's hashes, every admin, role and group, and the API security
/// settings, so authenticating a request does no disk I/O and no slow hashing: one keyed BLAKE2b
/// and a constant-time compare. It follows the store's change feed (``catchUp(from:)``): right after
/// each local commit, and on a timer for changes made by other processes or nodes.
///
/// An unknown identifier costs the same work as a wrong secret: the presented secret is hashed
/// and compared against a decoy.
public final class AuthIndex: Sendable {
    private let state = Mutex(State())
    /// Serialises catch-ups so changes are applied once and in order.
    private let syncLock = Mutex(())
    private let hasher: any SecretHasher

    /// Changes applied one by one before a full reload is cheaper.
    static let fullReloadThreshold = 2_000

    /// Creates an empty index; call ``catchUp(from:)`` to load it.
    public init(hasher: any SecretHasher) {
        self.hasher = hasher
    }

    // MARK: Authentication

    /// The answer to one API request's credential check.
    public struct Check: Sendable {
        /// The authenticated principal, or `nil` when authentication failed.
        public var principal: Principal?
        /// Whether the principal's roles allow the action (always false when unauthenticated).
        public var allowed: Bool
        /// The index generation the answer was read from (see ``generation``).
        public var generation: UInt64

        /// Creates an answer.
        public init(principal: Principal?, allowed: Bool, generation: UInt64 = 0) {
            self.principal = principal
            self.allowed = allowed
            self.generation = generation
        }
    }

    /// How a presented credential secret is to be compared.
    public enum Presented: Sendable {
        /// The secret itself.
        case secret(Substring)
        /// The hex MD5 of the secret (WHMCS's compat hash).
        case md5Hex(Substring)
    }

    /// Authenticates an identifier and secret and checks a lower-cased action against the
    /// credential's roles, in one pass.
    ///
    /// The credential authenticates only while it exists, its admin exists and is enabled, and the
    /// admin's group holds `API Access`.
    public func check(identifier: some StringProtocol, presented: Presented, action: String?) -> Check {
        let (found, generation) = state.withLock { state -> ((CredentialEntry, String, Bool)?, UInt64) in
            guard let entry = state.credentials[String(identifier)],
                let admin = state.admins[entry.adminID], !admin.record.isDisabled,
                state.apiAccessGroups.contains(admin.record.groupID)
            else { return (nil, state.generation) }
            let allowed = action.map { action in entry.roleIDs.contains { state.roles[$0]?.contains(action) == true } }
            return ((entry, admin.record.username, allowed ?? false), state.generation)
        }
        let matches: Bool
        switch presented {
        case .secret(let secret):
            matches = hasher.hash(secret: secret).constantTimeEquals(found?.0.secretHash ?? .zero)
        case .md5Hex(let md5):
            matches = hasher.hash(md5Hex: md5).constantTimeEquals(found?.0.compatHash ?? .zero)
        }
        guard matches, let (entry, username, allowed) = found else {
            return Check(principal: nil, allowed: false, generation: generation)
        }
        return Check(
            principal: Principal(
                credentialID: entry.id,
                identifier: String(identifier),
                adminID: entry.adminID,
                adminUsername: username
            ),
            allowed: allowed,
            generation: generation
        )
    }

    /// Whether a credential that authenticated earlier still may run an action now: it exists, its
    /// admin is enabled with `API Access`, and one of its roles allows the (lower-cased) action.
    /// Deferred work checks this again when it finally runs.
    public func stillAllows(credentialID: Int64, action: String) -> Bool {
        state.withLock { state in
            guard let identifier = state.identifierByID[credentialID], let entry = state.credentials[identifier],
                let admin = state.admins[entry.adminID], !admin.record.isDisabled,
                state.apiAccessGroups.contains(admin.record.groupID)
            else { return false }
            return entry.roleIDs.contains { state.roles[$0]?.contains(action) == true }
        }
    }

    /// Whether an identifier belongs to a stored credential (decides how `username` is read).
    public func isCredentialIdentifier(_ identifier: some StringProtocol) -> Bool {
        state.withLock { $0.credentials[String(identifier)] != nil }
    }

    /// The legacy-login view of an admin: enabled, with `API Access`, and its password hash.
    public func legacyLoginCandidate(username: String) -> AdminAuthRecord? {
        state.withLock { state in
            guard let id = state.adminIDByUsername[username.lowercased()], let admin = state.admins[id],
                !admin.record.isDisabled, state.groups[admin.record.groupID]?.allows(.apiAccess) == true
            else { return nil }
            return admin.record
        }
    }

    /// Whether an admin still exists, is enabled, has `API Access` and still has this password
    /// hash (a cached legacy login stays valid only while all of these hold).
    public func isLegacyLoginCurrent(adminID: Int64, passwordHash: String) -> Bool {
        state.withLock { state in
            guard let admin = state.admins[adminID], !admin.record.isDisabled,
                state.groups[admin.record.groupID]?.allows(.apiAccess) == true
            else { return false }
            return admin.record.passwordHash == passwordHash
        }
    }

    // MARK: Admin data for actions

    /// The admin with this id, from memory.
    public func admin(id: Int64) -> Admin? { state.withLock { $0.admins[id]?.admin } }

    /// Every admin, from memory, by id.
    public func admins() -> [Admin] { state.withLock { $0.admins.values.map(\.admin) }.sorted { $0.id < $1.id } }

    /// An admin's permissions (empty for an unknown or disabled admin).
    public func permissions(adminID: Int64) -> Set<Permission> {
        state.withLock { state in
            guard let admin = state.admins[adminID], !admin.record.isDisabled else { return [] }
            return state.groups[admin.record.groupID]?.permissions ?? []
        }
    }

    /// An admin and its permissions as WHMCS lists them (comma-separated names), in one lookup.
    public func adminDetails(id: Int64) -> (admin: Admin, permissions: String)? {
        state.withLock { state in
            guard let entry = state.admins[id] else { return nil }
            let text = entry.record.isDisabled ? "" : state.permissionText[entry.record.groupID] ?? ""
            return (entry.admin, text)
        }
    }

    /// The group of an admin, from memory.
    public func group(id: Int64) -> AdminGroup? { state.withLock { $0.groups[id] } }

    // MARK: Settings

    /// The API security settings.
    public var settings: SecuritySettings { state.withLock { $0.settings } }

    /// Whether an address may call the API (an empty allowlist allows nobody, as in WHMCS).
    public func isAllowlisted(_ address: IPAddress) -> Bool {
        state.withLock { state in state.allowlist.contains { $0.contains(address) } }
    }

    /// Whether an address is exempt from bans.
    public func isBanExempt(_ address: IPAddress) -> Bool {
        state.withLock { state in state.banExemptions.contains { $0.contains(address) } }
    }

    /// Whether a presented access key equals the configured one (constant-time; false when none is
    /// configured).
    public func accessKeyMatches(_ key: some StringProtocol) -> Bool {
        let configured = state.withLock { $0.accessKeyHash }
        guard let configured else { return false }
        return hasher.hash(token: key, purpose: Management.accessKeyPurpose).constantTimeEquals(configured)
    }

    // MARK: Following the store

    /// A number that changes whenever the index changes; answers derived from it can be cached
    /// under it.
    public var generation: UInt64 { state.withLock { $0.generation } }

    /// The change-feed position the index reflects (-1 before the first load).
    public var seq: Int64 { state.withLock { $0.seq } }

    /// How many credentials are indexed.
    public var credentialCount: Int { state.withLock { $0.credentials.count } }

    /// Brings the index up to date with the store: a full load the first time or after a large
    /// gap, otherwise only the entities named by new change-feed entries.
    public func catchUp(from store: any Store) throws {
        try syncLock.withLock { _ in
            let current = state.withLock { $0.seq }
            if current < 0 {
                try reloadHoldingSyncLock(from: store)
                return
            }
            let done = try store.read { tx -> Bool in
                let changes = try tx.changes(after: current, limit: Self.fullReloadThreshold)
                guard !changes.isEmpty else { return true }
                if changes.count >= Self.fullReloadThreshold || changes.contains(where: { $0.entity == .all }) {
                    return false
                }
                let update = try Update(changes: changes, tx: tx)
                state.withLock { update.apply(to: &$0) }
                return true
            }
            if !done { try reloadHoldingSyncLock(from: store) }
        }
    }

    /// Replaces everything with a fresh snapshot (first load, a large gap, a reconnect, or the
    /// periodic safety net).
    public func reload(from store: any Store) throws {
        // Serialised with catch-ups: a slow reload must never install a snapshot older than a
        // change a catch-up already applied (that would bring a revoked credential back).
        try syncLock.withLock { _ in try reloadHoldingSyncLock(from: store) }
    }

    private func reloadHoldingSyncLock(from store: any Store) throws {
        let fresh = try store.read { tx in
            try State(snapshot: tx.authSnapshot(), admins: tx.admins())
        }
        state.withLock { state in
            let generation = state.generation &+ 1
            state = fresh
            state.generation = generation
        }
    }
}
