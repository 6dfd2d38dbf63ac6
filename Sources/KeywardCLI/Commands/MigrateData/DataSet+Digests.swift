import FoundationEssentials
import KeywardCore

extension DataSet {
    /// One table's row count and content digest.
    struct TableSummary: Equatable {
        /// The table's name in both stores' schemas.
        var table: String
        /// How many rows it holds.
        var rows: Int
        /// SHA-256 over the rows in a canonical form, lower-case hex.
        var digest: String
    }

    /// A summary of every table, in a fixed order.
    ///
    /// Each row is encoded field by field, every field with its length in front, so no two
    /// different rows encode alike. Ids are part of every row except audit events: a SQLite target
    /// numbers those anew (the store protocol cannot choose their ids), in the same order.
    /// Sessions appear only when the data set has them.
    var summaries: [TableSummary] {
        var tables: [TableSummary] = []
        func table(_ name: String, _ rows: Int, _ encode: (inout RowDigest) -> Void) {
            var digest = RowDigest()
            encode(&digest)
            tables.append(TableSummary(table: name, rows: rows, digest: digest.hex))
        }
        table("admin_groups", groups.count) { digest in
            for group in groups.sorted(by: { $0.id < $1.id }) {
                digest.row(
                    group.id, group.name, group.isBuiltIn, group.createdAt, group.updatedAt,
                    group.permissions.map(\.name).sorted().joined(separator: "\n"))
            }
        }
        table("admins", admins.count) { digest in
            for (admin, hash) in admins.sorted(by: { $0.admin.id < $1.admin.id }) {
                digest.row(
                    admin.id, admin.uuid, admin.username, admin.firstName, admin.lastName, admin.email, admin.groupID,
                    admin.isDisabled, admin.notes, admin.signature, admin.createdAt, admin.updatedAt, hash)
            }
        }
        table("api_roles", roles.count) { digest in
            for role in roles.sorted(by: { $0.id < $1.id }) {
                digest.row(
                    role.id, role.name, role.description, role.createdAt, role.updatedAt,
                    role.sortedActions.joined(separator: "\n"))
            }
        }
        table("api_credentials", credentials.count) { digest in
            for (credential, secret) in credentials.sorted(by: { $0.credential.id < $1.credential.id }) {
                digest.row(
                    credential.id, credential.identifier, credential.adminID, credential.description, secret.keyID,
                    secret.secretHash.hex, secret.compatHash.hex, credential.createdAt, credential.lastAccessAt,
                    credential.lastAccessIP)
            }
        }
        let links = credentials.flatMap { entry in entry.credential.roleIDs.map { (entry.credential.id, $0) } }
        table("api_credential_roles", links.count) { digest in
            for (credentialID, roleID) in links.sorted(by: { ($0.0, $0.1) < ($1.0, $1.1) }) {
                digest.row(credentialID, roleID)
            }
        }
        table("settings", settings.count) { digest in
            for key in settings.keys.sorted() { digest.row(key, settings[key]) }
        }
        table("api_allowlist", allowlist.count) { digest in
            for entry in allowlist.sorted(by: { $0.id < $1.id }) {
                digest.row(entry.id, entry.network, entry.note, entry.createdAt)
            }
        }
        table("api_actions", actions.count) { digest in
            for action in actions.sorted(by: { $0.key < $1.key }) {
                digest.row(action.name, action.category, action.summary)
            }
        }
        table("audit_events", audit.count) { digest in
            for event in audit.sorted(by: { $0.id < $1.id }) {
                let details = event.details.keys.sorted().map { "\($0)=\(event.details[$0] ?? "")" }
                digest.row(
                    event.time, event.actor.kind.rawValue, event.actor.id, event.actor.label, event.event,
                    event.targetType, event.targetID, event.targetLabel, event.clientIP, details.joined(separator: "\n")
                )
            }
        }
        if let sessions {
            table("admin_sessions", sessions.count) { digest in
                for session in sessions.sorted(by: { $0.tokenHash.hex < $1.tokenHash.hex }) {
                    digest.row(
                        session.tokenHash.hex, session.adminID, session.csrfToken, session.createdAt,
                        session.lastSeenAt, session.expiresAt, session.clientIP, session.userAgent)
                }
            }
        }
        return tables
    }

    /// The ids of the server keys the credentials' hashes were made with.
    var serverKeyIDs: [String] { Array(Set(credentials.map(\.digest.keyID))).sorted() }
}
