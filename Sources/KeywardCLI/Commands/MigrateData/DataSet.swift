import FoundationEssentials
import KeywardCore
import KeywardPostgres

/// Everything `keyward migrate-data` copies, read from one store in one read transaction.
///
/// Rows keep their ids, hashes and times exactly as stored. Sessions are read separately and only
/// from PostgreSQL: the store protocol can look a session up by its token hash but not list them,
/// so a SQLite source cannot hand them over (admins sign in again after the move).
struct DataSet {
    /// Admin role groups, by id.
    var groups: [AdminGroup] = []
    /// Admins with their password hashes, by id.
    var admins: [(admin: Admin, passwordHash: String)] = []
    /// API roles, by id.
    var roles: [APIRole] = []
    /// API credentials with their stored hashes, by id.
    var credentials: [(credential: APICredential, digest: SecretDigest)] = []
    /// The settings.
    var settings: [String: String] = [:]
    /// The API IP allowlist, by id.
    var allowlist: [AllowlistEntry] = []
    /// The action catalog.
    var actions: [ActionDescriptor] = []
    /// The activity log, oldest first (by id).
    var audit: [AuditEvent] = []
    /// Admin-area sessions by token hash, or `nil` when the store cannot list them.
    var sessions: [AdminSession]?
    /// The change feed's position.
    var feedPosition: Int64 = 0

    /// Reads every table of `store`.
    static func read(from store: any Store) throws -> DataSet {
        var data = try store.read { tx -> DataSet in
            var data = DataSet()
            data.feedPosition = try tx.latestChangeSeq()
            data.groups = try tx.groups().sorted { $0.id < $1.id }
            data.admins = try tx.admins().map { admin in
                guard let hash = try tx.passwordHash(adminID: admin.id) else {
                    throw KeywardError(.storage, "Admin \(admin.id) has no password hash")
                }
                return (admin, hash)
            }
            data.roles = try tx.roles().sorted { $0.id < $1.id }
            let snapshot = try tx.authSnapshot()
            let digests = Dictionary(uniqueKeysWithValues: snapshot.credentials.map { ($0.id, $0) })
            var rows: [APICredential] = []
            // Pages of 10,000 in one snapshot, so a million credentials never sit in one result.
            while true {
                let page = try tx.credentials(
                    matching: CredentialQuery(sort: .created, ascending: true, offset: rows.count, limit: 10_000))
                rows += page.rows.map(\.credential)
                if page.rows.isEmpty || rows.count >= page.matching { break }
            }
            data.credentials = try rows.sorted { $0.id < $1.id }.map { credential in
                guard let record = digests[credential.id] else {
                    throw KeywardError(.storage, "Credential \(credential.id) has no stored hashes")
                }
                var credential = credential
                credential.roleIDs = record.roleIDs
                return (credential, record.digest)
            }
            data.settings = try tx.settings()
            data.allowlist = try tx.allowlist().sorted { $0.id < $1.id }
            data.actions = try tx.actions()
            var events: [AuditEvent] = []
            while true {
                let page = try tx.auditEvents(matching: AuditQuery(offset: events.count, limit: 10_000))
                events += page.events
                if page.events.isEmpty || events.count >= page.matching { break }
            }
            data.audit = events.sorted { $0.id < $1.id }
            return data
        }
        if let postgres = store as? PostgresStore {
            let admins = Set(data.admins.map(\.admin.id))
            // Read after the rest: a session whose admin went meanwhile is left behind.
            data.sessions = try postgres.sessions().filter { admins.contains($0.adminID) }
        }
        return data
    }

    /// How many rows of each kind a store holds, for the "is the target empty?" check: anything
    /// but the three built-in groups as the first migration made them counts.
    static func contents(of store: any Store) throws -> [String: Int] {
        try store.read { tx in
            let builtIn = AdminGroup.builtIn(at: Date())
            let groups = try tx.groups()
            let changedGroups = groups.filter { group in
                guard let original = builtIn.first(where: { $0.id == group.id }) else { return true }
                return group.name != original.name || group.permissions != original.permissions
            }
            let counts: [String: Int] = [
                "admin groups": changedGroups.count + (builtIn.count - min(builtIn.count, groups.count)),
                "admins": try tx.admins().count,
                "API roles": try tx.roles().count,
                "credentials": try tx.credentials(matching: CredentialQuery(limit: 0)).total,
                "settings": try tx.settings().count,
                "allowlist entries": try tx.allowlist().count,
                "catalog actions": try tx.actions().count,
                "audit events": try tx.auditEvents(matching: AuditQuery(limit: 0)).matching,
                "change-feed entries": try tx.changes(after: 0, limit: 1).count,
            ]
            return counts.filter { $0.value > 0 }
        }
    }
}
