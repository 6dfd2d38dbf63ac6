import KeywardSupport

extension AuthIndex {
    struct CredentialEntry: Sendable {
        var id: Int64
        var adminID: Int64
        var roleIDs: [Int64]
        var secretHash: Digest32
        var compatHash: Digest32

        init(_ record: CredentialAuthRecord) {
            id = record.id
            adminID = record.adminID
            roleIDs = record.roleIDs
            secretHash = record.digest.secretHash
            compatHash = record.digest.compatHash
        }
    }

    struct AdminEntry: Sendable {
        var admin: Admin
        var record: AdminAuthRecord
    }

    /// Everything the index holds, replaced or patched under one lock.
    struct State: Sendable {
        var credentials: [String: CredentialEntry] = [:]
        var identifierByID: [Int64: String] = [:]
        var admins: [Int64: AdminEntry] = [:]
        var adminIDByUsername: [String: Int64] = [:]
        var roles: [Int64: Set<String>] = [:]
        var groups: [Int64: AdminGroup] = [:]
        /// Each group's permissions as WHMCS lists them (comma-separated, in catalog order), made
        /// once per change rather than once per `GetAdminDetails`.
        var permissionText: [Int64: String] = [:]
        /// The groups holding `API Access`: checked on every request, so kept as plain ids.
        var apiAccessGroups: Set<Int64> = []
        var settings = SecuritySettings()
        var accessKeyHash: Digest32?
        var allowlist: [IPNetwork] = []
        var banExemptions: [IPNetwork] = []
        var seq: Int64 = -1
        /// Bumped by every patch and reload, so answers cached from the index can tell they are stale.
        var generation: UInt64 = 0

        init() {}

        init(snapshot: AuthSnapshot, admins: [Admin]) {
            credentials.reserveCapacity(snapshot.credentials.count)
            identifierByID.reserveCapacity(snapshot.credentials.count)
            for record in snapshot.credentials {
                credentials[record.identifier] = CredentialEntry(record)
                identifierByID[record.id] = record.identifier
            }
            let full = Dictionary(uniqueKeysWithValues: admins.map { ($0.id, $0) })
            for record in snapshot.admins {
                guard let admin = full[record.id] else { continue }
                setAdmin(admin, record)
            }
            for role in snapshot.roles { roles[role.id] = role.allowedActions }
            for group in snapshot.groups { setGroup(group, id: group.id) }
            setSettings(snapshot.settings, snapshot.allowlist)
            seq = snapshot.seq
        }

        mutating func setGroup(_ group: AdminGroup?, id: Int64) {
            groups[id] = group
            if group?.allows(.apiAccess) == true { apiAccessGroups.insert(id) } else { apiAccessGroups.remove(id) }
            permissionText[id] = group.map { group in
                Permission.all.filter(group.permissions.contains).map(\.name).joined(separator: ",")
            }
        }

        mutating func setAdmin(_ admin: Admin, _ record: AdminAuthRecord) {
            if let old = admins[admin.id] { forgetUsername(old.record.username, of: admin.id) }
            admins[admin.id] = AdminEntry(admin: admin, record: record)
            adminIDByUsername[record.username.lowercased()] = admin.id
        }

        mutating func removeAdmin(id: Int64) {
            if let old = admins.removeValue(forKey: id) { forgetUsername(old.record.username, of: id) }
        }

        /// Drops a username mapping only while it still points at this admin: in one batch another
        /// admin may already have taken the name.
        private mutating func forgetUsername(_ username: String, of id: Int64) {
            let key = username.lowercased()
            if adminIDByUsername[key] == id { adminIDByUsername[key] = nil }
        }

        mutating func setCredential(_ record: CredentialAuthRecord) {
            if let old = identifierByID[record.id], old != record.identifier { credentials[old] = nil }
            credentials[record.identifier] = CredentialEntry(record)
            identifierByID[record.id] = record.identifier
        }

        mutating func removeCredential(id: Int64) {
            if let identifier = identifierByID.removeValue(forKey: id) { credentials[identifier] = nil }
        }

        mutating func setSettings(_ stored: [String: String], _ entries: [AllowlistEntry]) {
            settings = SecuritySettings(stored: stored)
            accessKeyHash = Self.digest(fromHex: settings.accessKeyHash)
            allowlist = entries.compactMap { IPNetwork($0.network) }
            banExemptions = settings.banExemptions.compactMap { IPNetwork($0) }
        }

        static func digest(fromHex hex: String) -> Digest32? {
            let chars = Array(hex.utf8)
            guard chars.count == 64 else { return nil }
            var bytes = [UInt8]()
            bytes.reserveCapacity(32)
            var index = 0
            while index < 64 {
                guard let high = nibble(chars[index]), let low = nibble(chars[index + 1]) else { return nil }
                bytes.append(high << 4 | low)
                index += 2
            }
            return Digest32(bytes)
        }

        private static func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
            default: nil
            }
        }
    }

    /// The entities that new change-feed entries name, read from the store before the lock is
    /// taken, so readers wait only for the in-memory patch.
    struct Update {
        var credentials: [Int64: CredentialAuthRecord?] = [:]
        var admins: [Int64: (Admin, AdminAuthRecord)?] = [:]
        var roles: [Int64: APIRole?] = [:]
        var groups: [Int64: AdminGroup?] = [:]
        var settings: ([String: String], [AllowlistEntry])?
        var seq: Int64

        init(changes: [Change], tx: any StoreTransaction) throws {
            seq = changes.last?.seq ?? 0
            for change in changes {
                switch change.entity {
                case .credential:
                    if credentials[change.entityID] == nil {
                        credentials[change.entityID] = .some(try tx.credentialAuthRecord(id: change.entityID))
                    }
                case .admin:
                    if admins[change.entityID] == nil {
                        if let admin = try tx.admin(id: change.entityID),
                            let record = try tx.adminAuthRecord(id: change.entityID)
                        {
                            admins[change.entityID] = .some((admin, record))
                        } else {
                            admins[change.entityID] = .some(nil)
                        }
                    }
                case .role:
                    if roles[change.entityID] == nil {
                        roles[change.entityID] = .some(try tx.role(id: change.entityID))
                    }
                case .group:
                    if groups[change.entityID] == nil {
                        groups[change.entityID] = .some(try tx.group(id: change.entityID))
                    }
                case .settings:
                    if settings == nil { settings = (try tx.settings(), try tx.allowlist()) }
                case .all:
                    break
                }
            }
        }

        func apply(to state: inout State) {
            for (id, record) in admins {
                if let (admin, record) = record { state.setAdmin(admin, record) } else { state.removeAdmin(id: id) }
            }
            for (id, role) in roles { state.roles[id] = role?.allowedActions }
            for (id, group) in groups { state.setGroup(group, id: id) }
            for (id, record) in credentials {
                if let record { state.setCredential(record) } else { state.removeCredential(id: id) }
            }
            if let (stored, entries) = settings { state.setSettings(stored, entries) }
            state.seq = max(state.seq, seq)
            state.generation &+= 1
        }
    }
}
