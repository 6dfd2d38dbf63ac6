extension Management {
    /// Creates an admin role group.
    @discardableResult
    public func createGroup(name: String, permissions: Set<Permission>, context: AuditContext) throws -> AdminGroup {
        let name = try Validation.name(name, field: "group name")
        try Self.validate(permissions)
        return try write { tx in
            try authorize(context, .configureAdministrators, in: tx)
            let now = clock.now()
            var group = AdminGroup(name: name, permissions: permissions, createdAt: now, updatedAt: now)
            group.id = try tx.insertGroup(group)
            try tx.appendChange(.group, id: group.id)
            try audit(
                tx, context, "group.created", target: ("group", group.id, group.name),
                details: ["permissions": permissions.sorted().map(\.name).joined(separator: ", ")]
            )
            return group
        }
    }

    /// Renames a group or replaces its permissions; `nil` leaves a field as it is.
    ///
    /// Removing `API Access` stops every credential of the group's admins at once.
    @discardableResult
    public func updateGroup(
        id: Int64,
        name: String? = nil,
        permissions: Set<Permission>? = nil,
        context: AuditContext
    ) throws -> AdminGroup {
        let name = try name.map { try Validation.name($0, field: "group name") }
        if let permissions { try Self.validate(permissions) }
        return try write { tx in
            try authorize(context, .configureAdministrators, in: tx)
            guard var group = try tx.group(id: id) else {
                throw KeywardError.notFound("Admin role group \(id) not found")
            }
            var details: [String: String] = [:]
            if let name, name != group.name {
                details["name"] = name
                group.name = name
            }
            if let permissions, permissions != group.permissions {
                if group.allows(.configureAdministrators) && !permissions.contains(.configureAdministrators) {
                    try ensureAdministratorsOutside(group: group.id, in: tx)
                }
                details["permissions"] = permissions.sorted().map(\.name).joined(separator: ", ")
                group.permissions = permissions
            }
            guard !details.isEmpty else { return group }
            group.updatedAt = clock.now()
            try tx.updateGroup(group)
            try tx.appendChange(.group, id: group.id)
            try audit(tx, context, "group.updated", target: ("group", group.id, group.name), details: details)
            return group
        }
    }

    /// Removes a group that no admin belongs to. Built-in groups cannot be removed.
    public func removeGroup(id: Int64, context: AuditContext) throws {
        try write { tx in
            try authorize(context, .configureAdministrators, in: tx)
            guard let group = try tx.group(id: id) else {
                throw KeywardError.notFound("Admin role group \(id) not found")
            }
            guard !group.isBuiltIn else { throw KeywardError.conflict("Built-in groups cannot be removed") }
            let members = try tx.admins().filter { $0.groupID == id }.count
            guard members == 0 else {
                throw KeywardError.conflict("The group still has \(members) admin(s); move them to another group first")
            }
            try tx.deleteGroup(id: id)
            try tx.appendChange(.group, id: id)
            try audit(tx, context, "group.removed", target: ("group", group.id, group.name))
        }
    }

    /// Every group, by id.
    public func groups() throws -> [AdminGroup] { try store.read { try $0.groups() } }

    /// The group with this id.
    public func group(id: Int64) throws -> AdminGroup {
        try store.read { tx in
            guard let group = try tx.group(id: id) else {
                throw KeywardError.notFound("Admin role group \(id) not found")
            }
            return group
        }
    }

    /// The group with this name (case-insensitive) or, when the text is a number, this id.
    public func group(named reference: String) throws -> AdminGroup {
        try store.read { tx in
            if let group = try tx.group(named: reference) { return group }
            if let id = Int64(reference), let group = try tx.group(id: id) { return group }
            throw KeywardError.notFound("Admin role group \"\(reference)\" not found")
        }
    }

    static func validate(_ permissions: Set<Permission>) throws {
        let known = Set(Permission.all)
        if let unknown = permissions.subtracting(known).sorted().first {
            throw KeywardError.invalidInput("Unknown permission \"\(unknown.name)\"")
        }
    }

    func ensureAdministratorsOutside(group groupID: Int64, in tx: any StoreTransaction) throws {
        let groups = Dictionary(uniqueKeysWithValues: try tx.groups().map { ($0.id, $0) })
        let others = try tx.admins().contains {
            !$0.isDisabled && $0.groupID != groupID && groups[$0.groupID]?.allows(.configureAdministrators) == true
        }
        let members = try tx.admins().contains { !$0.isDisabled && $0.groupID == groupID }
        guard others || !members else {
            throw KeywardError.conflict(
                "No other enabled admin could configure administrators; keep this permission or create another one first"
            )
        }
    }
}
