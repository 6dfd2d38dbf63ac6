import FoundationEssentials
import KeywardSupport

extension Management {
    /// The current API security settings.
    public func securitySettings() throws -> SecuritySettings {
        try store.read { SecuritySettings(stored: try $0.settings()) }
    }

    /// Changes security settings through `change`, validates and stores them.
    ///
    /// The access key hash cannot be changed this way: use ``setAccessKey(_:context:)``.
    @discardableResult
    public func updateSecuritySettings(
        context: AuditContext,
        _ change: (inout SecuritySettings) -> Void
    ) throws -> SecuritySettings {
        try write { tx in
            try authorize(context, .configureSecuritySettings, in: tx)
            let before = SecuritySettings(stored: try tx.settings())
            var after = before
            change(&after)
            after.accessKeyHash = before.accessKeyHash
            guard (1...1_000_000).contains(after.apiBanThreshold), (1...1_000_000).contains(after.signInBanThreshold)
            else { throw KeywardError.invalidInput("Ban thresholds must be between 1 and 1,000,000") }
            guard (1...31_536_000).contains(after.banSeconds) else {
                throw KeywardError.invalidInput("The ban duration must be between 1 second and 1 year")
            }
            guard after.rateLimitPerSecond >= 0, after.rateLimitBurst >= 1 else {
                throw KeywardError.invalidInput("The rate limit must be 0 (off) or more, and the burst at least 1")
            }
            after.banExemptions = try after.banExemptions.map {
                guard let network = IPNetwork($0.trimmed) else {
                    throw KeywardError.invalidInput("\"\($0)\" is not an IP address or CIDR range")
                }
                return network.description
            }
            guard after != before else { return after }
            var details: [String: String] = [:]
            for (key, value) in after.stored where before.stored[key] != value { details[key] = value }
            for (key, value) in after.stored { try tx.setSetting(key, to: value) }
            try tx.appendChange(.settings, id: 0)
            try audit(tx, context, "settings.updated", target: ("settings", nil, "security"), details: details)
            return after
        }
    }

    /// Sets the API access key (stored only as a keyed hash), or removes it with `nil`.
    public func setAccessKey(_ key: String?, context: AuditContext) throws {
        let hash: String
        if let key {
            let value = key.trimmed
            guard value.count >= 8, value.count <= 255 else {
                throw KeywardError.invalidInput("The access key must be 8 to 255 characters")
            }
            hash = secrets.hash(token: value, purpose: Self.accessKeyPurpose).hex
        } else {
            hash = ""
        }
        try write { tx in
            try authorize(context, .configureSecuritySettings, in: tx)
            try tx.setSetting(SecuritySettings.Key.accessKeyHash, to: hash)
            try tx.appendChange(.settings, id: 0)
            try audit(
                tx, context, key == nil ? "settings.access_key_removed" : "settings.access_key_set",
                target: ("settings", nil, "access key")
            )
        }
    }

    /// The hashing purpose of the API access key.
    public static let accessKeyPurpose = "api-access-key"

    /// The API IP allowlist.
    public func allowlist() throws -> [AllowlistEntry] { try store.read { try $0.allowlist() } }

    /// Adds an IP address or CIDR range to the API IP allowlist.
    @discardableResult
    public func addAllowlistEntry(_ text: String, note: String = "", context: AuditContext) throws -> AllowlistEntry {
        guard let network = IPNetwork(text.trimmed) else {
            throw KeywardError.invalidInput("\"\(text.trimmed)\" is not an IP address or CIDR range")
        }
        let note = try Validation.text(note, field: "note", limit: 255, multiline: false)
        return try write { tx in
            try authorize(context, .configureSecuritySettings, in: tx)
            var entry = AllowlistEntry(network: network.description, note: note, createdAt: clock.now())
            entry.id = try tx.insertAllowlistEntry(entry)
            try tx.appendChange(.settings, id: 0)
            try audit(
                tx, context, "allowlist.added", target: ("allowlist", entry.id, entry.network),
                details: ["note": note]
            )
            return entry
        }
    }

    /// Removes an allowlist entry.
    public func removeAllowlistEntry(id: Int64, context: AuditContext) throws {
        try write { tx in
            try authorize(context, .configureSecuritySettings, in: tx)
            guard let entry = try tx.allowlist().first(where: { $0.id == id }) else {
                throw KeywardError.notFound("Allowlist entry \(id) not found")
            }
            try tx.deleteAllowlistEntry(id: id)
            try tx.appendChange(.settings, id: 0)
            try audit(tx, context, "allowlist.removed", target: ("allowlist", id, entry.network))
        }
    }

    /// A page of the activity log.
    public func auditEvents(matching query: AuditQuery, context: AuditContext) throws -> AuditPage {
        try store.read { tx in
            try authorize(context, .viewActivityLog, in: tx)
            return try tx.auditEvents(matching: query)
        }
    }

    /// Records that someone did something without changing anything (a sign-in, a deprecated
    /// legacy API login), in its own transaction.
    public func record(
        _ event: String,
        target: (type: String, id: Int64?, label: String),
        details: [String: String] = [:],
        context: AuditContext
    ) throws {
        try store.write { tx in try audit(tx, context, event, target: target, details: details) }
    }
}

extension Management {
    /// The setting that records that first-run defaults were written.
    static let bootstrapKey = "bootstrap.defaults"

    /// Writes first-run defaults once per database: the API IP allowlist starts with the local
    /// machine (127.0.0.1 and ::1), since an empty allowlist lets nobody in, as in WHMCS.
    ///
    /// - Returns: whether anything was written.
    @discardableResult
    public func bootstrapDefaults() throws -> Bool {
        if try store.read({ try $0.settings()[Self.bootstrapKey] }) != nil { return false }
        return try write { tx in
            guard try tx.settings()[Self.bootstrapKey] == nil else { return false }
            let now = clock.now()
            let existing = Set(try tx.allowlist().map(\.network))
            for network in ["127.0.0.1/32", "::1/128"] where !existing.contains(network) {
                _ = try tx.insertAllowlistEntry(AllowlistEntry(network: network, note: "Local machine", createdAt: now))
            }
            try tx.setSetting(Self.bootstrapKey, to: "1")
            try tx.appendChange(.settings, id: 0)
            try audit(tx, .system, "settings.defaults_written", target: ("settings", nil, "defaults"))
            return true
        }
    }
}
