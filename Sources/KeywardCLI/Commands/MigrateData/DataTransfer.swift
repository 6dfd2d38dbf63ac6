import FoundationEssentials
import KeywardCore
import KeywardPostgres

/// Writes a ``DataSet`` into an empty store, keeping every id, in one write transaction.
enum DataTransfer {
    /// Copies `data` into `target`, which must hold no data yet.
    ///
    /// PostgreSQL keeps the given ids itself and moves its change feed past the source's position;
    /// any other store gets the rows in id order with gaps filled (see ``IDKeeper``). One `all`
    /// change at the end tells any server already following the target to reload everything.
    ///
    /// - Parameter progress: Called with (rows written, rows in all) every so often.
    static func copy(_ data: DataSet, to target: any Store, progress: (Int, Int) -> Void = { _, _ in }) throws {
        if let postgres = target as? PostgresStore {
            try postgres.importing(feedPosition: data.feedPosition) { tx in
                try write(data, into: tx, keepsIDs: true, progress: progress)
            }
        } else {
            try target.write { tx in try write(data, into: tx, keepsIDs: false, progress: progress) }
        }
    }

    /// Admin role groups. A fresh target already holds the built-in groups (ids 1 to 3): a store
    /// that keeps given ids has them replaced by the source's; any other store has them updated in
    /// place (it will not reuse their ids), which keeps their creation time only because the
    /// target was created with the source's (see ``MigrateDataCommand``).
    private static func writeGroups(_ groups: [AdminGroup], into tx: any StoreTransaction, keepsIDs: Bool) throws {
        let epoch = Date(timeIntervalSince1970: 0)
        let existing = try tx.groups()
        let sourceIDs = Set(groups.map(\.id))
        var updated: Set<Int64> = []
        if keepsIDs {
            for group in existing { try tx.deleteGroup(id: group.id) }
        } else {
            for group in groups where existing.contains(where: { $0.id == group.id }) {
                try tx.updateGroup(group)
                updated.insert(group.id)
            }
        }
        var keeper = IDKeeper(
            table: "admin_groups", targetKeepsIDs: keepsIDs, after: keepsIDs ? 0 : existing.map(\.id).max() ?? 0)
        for group in groups where !updated.contains(group.id) {
            try keeper.insert(id: group.id) {
                try tx.insertGroup(group)
            } placeholder: {
                try tx.insertGroup(
                    AdminGroup(
                        name: IDKeeper.placeholderName($0), permissions: [], createdAt: epoch, updatedAt: epoch))
            }
        }
        for id in keeper.placeholders { try tx.deleteGroup(id: id) }
        if !keepsIDs {
            for group in existing where !sourceIDs.contains(group.id) { try tx.deleteGroup(id: group.id) }
        }
    }

    private static func write(
        _ data: DataSet,
        into tx: any StoreTransaction,
        keepsIDs: Bool,
        progress: (Int, Int) -> Void
    ) throws {
        let epoch = Date(timeIntervalSince1970: 0)

        try writeGroups(data.groups, into: tx, keepsIDs: keepsIDs)

        var admins = IDKeeper(table: "admins", targetKeepsIDs: keepsIDs)
        for (admin, hash) in data.admins {
            try admins.insert(id: admin.id) {
                try tx.insertAdmin(admin, passwordHash: hash)
            } placeholder: {
                let name = IDKeeper.placeholderName($0)
                return try tx.insertAdmin(
                    Admin(
                        uuid: name, username: name, firstName: "", lastName: "", email: "", groupID: admin.groupID,
                        isDisabled: true, createdAt: epoch, updatedAt: epoch),
                    passwordHash: "!")
            }
        }
        for id in admins.placeholders { try tx.deleteAdmin(id: id) }

        var roles = IDKeeper(table: "api_roles", targetKeepsIDs: keepsIDs)
        for role in data.roles {
            try roles.insert(id: role.id) {
                try tx.insertRole(role)
            } placeholder: {
                try tx.insertRole(
                    APIRole(
                        name: IDKeeper.placeholderName($0), allowedActions: [String](), createdAt: epoch,
                        updatedAt: epoch))
            }
        }
        for id in roles.placeholders { try tx.deleteRole(id: id) }

        var credentials = IDKeeper(table: "api_credentials", targetKeepsIDs: keepsIDs)
        for (index, (credential, digest)) in data.credentials.enumerated() {
            try credentials.insert(id: credential.id) {
                try tx.insertCredential(credential, digest: digest)
            } placeholder: {
                try tx.insertCredential(
                    APICredential(
                        identifier: IDKeeper.placeholderName($0), adminID: credential.adminID, createdAt: epoch),
                    digest: digest)
            }
            if (index + 1) % 50_000 == 0 { progress(index + 1, data.credentials.count) }
        }
        for id in credentials.placeholders { try tx.deleteCredential(id: id) }

        var allowlist = IDKeeper(table: "api_allowlist", targetKeepsIDs: keepsIDs)
        for entry in data.allowlist {
            try allowlist.insert(id: entry.id) {
                try tx.insertAllowlistEntry(entry)
            } placeholder: {
                try tx.insertAllowlistEntry(AllowlistEntry(network: IDKeeper.placeholderName($0), createdAt: epoch))
            }
        }
        for id in allowlist.placeholders { try tx.deleteAllowlistEntry(id: id) }

        for key in data.settings.keys.sorted() { try tx.setSetting(key, to: data.settings[key]) }
        try tx.replaceActions(data.actions)
        // The store protocol offers no way to delete an audit event, so a store that numbers rows
        // itself renumbers the log (in the same order) where the source has gaps.
        for event in data.audit { try tx.appendAudit(event) }
        for session in data.sessions ?? [] { try tx.insertSession(session) }
        try tx.appendChange(.all, id: 0)
    }
}
