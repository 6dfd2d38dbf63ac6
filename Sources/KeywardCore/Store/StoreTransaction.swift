import FoundationEssentials

/// The operations a store offers inside one transaction.
///
/// These are storage primitives: the domain rules (who may do what, audit, change feed) live in
/// ``Management``. One conformance suite runs against every implementation.
///
/// Conventions: lookups return `nil` for a missing row; updates and deletes of a missing row
/// throw ``KeywardError/Code-swift.struct/notFound``; a uniqueness violation throws
/// ``KeywardError/Code-swift.struct/conflict``. Usernames, role names and group names are unique
/// case-insensitively. Times are stored with millisecond precision.
public protocol StoreTransaction {
    // MARK: Admin role groups

    /// Stores a new group and returns its id (`group.id` is ignored).
    func insertGroup(_ group: AdminGroup) throws -> Int64
    /// The group with this id.
    func group(id: Int64) throws -> AdminGroup?
    /// The group with this name, compared case-insensitively.
    func group(named name: String) throws -> AdminGroup?
    /// Every group, by id.
    func groups() throws -> [AdminGroup]
    /// Replaces a group's name, permissions and update time.
    func updateGroup(_ group: AdminGroup) throws
    /// Deletes a group. Throws `conflict` while admins still belong to it.
    func deleteGroup(id: Int64) throws

    // MARK: Admins

    /// Stores a new admin with its password hash and returns its id (`admin.id` is ignored).
    func insertAdmin(_ admin: Admin, passwordHash: String) throws -> Int64
    /// The admin with this id.
    func admin(id: Int64) throws -> Admin?
    /// The admin with this username, compared case-insensitively.
    func admin(username: String) throws -> Admin?
    /// Every admin, by id.
    func admins() throws -> [Admin]
    /// Replaces every field but the id, uuid, creation time and password hash.
    func updateAdmin(_ admin: Admin) throws
    /// The admin's Argon2id password hash.
    func passwordHash(adminID: Int64) throws -> String?
    /// Replaces the admin's password hash.
    func setPasswordHash(adminID: Int64, hash: String, at time: Date) throws
    /// Deletes an admin and, in the same transaction, every credential it owns.
    func deleteAdmin(id: Int64) throws

    // MARK: API roles

    /// Stores a new role and returns its id (`role.id` is ignored).
    func insertRole(_ role: APIRole) throws -> Int64
    /// The role with this id.
    func role(id: Int64) throws -> APIRole?
    /// The role with this name, compared case-insensitively.
    func role(named name: String) throws -> APIRole?
    /// Every role, by name.
    func roles() throws -> [APIRole]
    /// Replaces a role's name, description, actions and update time.
    func updateRole(_ role: APIRole) throws
    /// Deletes a role and unassigns it from every credential.
    func deleteRole(id: Int64) throws
    /// The ids of the credentials that hold a role.
    func credentialIDs(holdingRole roleID: Int64) throws -> [Int64]

    // MARK: API credentials

    /// Stores a new credential with its hashes and roles and returns its id.
    func insertCredential(_ credential: APICredential, digest: SecretDigest) throws -> Int64
    /// The credential with this id.
    func credential(id: Int64) throws -> APICredential?
    /// The credential with this identifier (exact, case-sensitive).
    func credential(identifier: String) throws -> APICredential?
    /// A page of the credentials table.
    func credentials(matching query: CredentialQuery) throws -> CredentialPage
    /// The ids of an admin's credentials.
    func credentialIDs(adminID: Int64) throws -> [Int64]
    /// Replaces a credential's description.
    func setCredentialDescription(id: Int64, description: String) throws
    /// Replaces a credential's roles.
    func setCredentialRoles(id: Int64, roleIDs: [Int64]) throws
    /// Deletes a credential.
    func deleteCredential(id: Int64) throws
    /// Writes coalesced last-access records; rows that no longer exist are skipped silently.
    func recordLastAccess(_ records: [LastAccess]) throws

    // MARK: Authentication index

    /// Everything the in-memory authentication index needs, consistent with ``latestChangeSeq()``.
    func authSnapshot() throws -> AuthSnapshot
    /// One credential's authentication record.
    func credentialAuthRecord(id: Int64) throws -> CredentialAuthRecord?
    /// One admin's authentication record.
    func adminAuthRecord(id: Int64) throws -> AdminAuthRecord?

    // MARK: Change feed

    /// Appends a change to the feed. Positions must become visible in commit order.
    func appendChange(_ entity: Change.Entity, id: Int64) throws
    /// Changes after a position, oldest first, at most `limit`.
    func changes(after seq: Int64, limit: Int) throws -> [Change]
    /// The newest position, or 0 for an empty feed.
    func latestChangeSeq() throws -> Int64
    /// Deletes changes older than a time, keeping at least the newest one.
    func pruneChanges(before time: Date) throws

    // MARK: Audit

    /// Appends an event to the activity log.
    func appendAudit(_ event: AuditEvent) throws
    /// A page of the activity log, newest first.
    func auditEvents(matching query: AuditQuery) throws -> AuditPage

    // MARK: Settings and allowlist

    /// Every stored setting.
    func settings() throws -> [String: String]
    /// Sets (or, with `nil`, removes) a setting.
    func setSetting(_ key: String, to value: String?) throws
    /// The API IP allowlist, by id.
    func allowlist() throws -> [AllowlistEntry]
    /// Adds an allowlist entry and returns its id.
    func insertAllowlistEntry(_ entry: AllowlistEntry) throws -> Int64
    /// Removes an allowlist entry.
    func deleteAllowlistEntry(id: Int64) throws

    // MARK: Admin-area sessions

    /// Stores a new session. Sessions are deleted with their admin.
    func insertSession(_ session: AdminSession) throws
    /// The session with this token hash, if it exists (expired or not: the caller checks times).
    func session(tokenHash: Digest32) throws -> AdminSession?
    /// Records activity on a session (idle expiry); a missing session is ignored.
    func touchSession(tokenHash: Digest32, at time: Date) throws
    /// Deletes one session (sign-out); a missing session is ignored.
    func deleteSession(tokenHash: Digest32) throws
    /// Deletes every session of an admin (disabled, removed, password changed by someone else).
    func deleteSessions(adminID: Int64) throws
    /// Deletes sessions that expired absolutely before `time` or were idle since before `idleBefore`.
    func deleteExpiredSessions(before time: Date, idleBefore: Date) throws

    // MARK: Action catalog

    /// The action catalog, by category then name.
    func actions() throws -> [ActionDescriptor]
    /// Replaces the action catalog with the server's registry.
    func replaceActions(_ actions: [ActionDescriptor]) throws
}
