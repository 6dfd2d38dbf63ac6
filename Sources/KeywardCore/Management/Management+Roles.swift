extension Management {
    /// Creates an API role. Actions must be in the action catalog; they are stored lower-cased.
    @discardableResult
    public func createRole(
        name: String,
        description: String = "",
        actions: some Sequence<String>,
        context: AuditContext
    ) throws -> APIRole {
        let name = try Validation.name(name, field: "role name")
        let description = try Validation.text(description, field: "description", limit: 1000)
        let wanted = Set(actions.map { $0.trimmed.lowercased() }.filter { !$0.isEmpty })
        return try write { tx in
            try authorize(context, .manageAPICredentials, in: tx)
            try requireKnown(wanted, in: tx)
            let now = clock.now()
            var role = APIRole(
                name: name,
                description: description,
                allowedActions: wanted,
                createdAt: now,
                updatedAt: now
            )
            role.id = try tx.insertRole(role)
            try tx.appendChange(.role, id: role.id)
            try audit(
                tx, context, "role.created", target: ("role", role.id, role.name),
                details: ["actions": role.sortedActions.joined(separator: ", ")]
            )
            return role
        }
    }

    /// Changes a role's name, description or actions; `nil` leaves a field as it is.
    @discardableResult
    public func updateRole(
        id: Int64,
        name: String? = nil,
        description: String? = nil,
        actions: [String]? = nil,
        context: AuditContext
    ) throws -> APIRole {
        let name = try name.map { try Validation.name($0, field: "role name") }
        let description = try description.map { try Validation.text($0, field: "description", limit: 1000) }
        let wanted = actions.map { Set($0.map { $0.trimmed.lowercased() }.filter { !$0.isEmpty }) }
        return try write { tx in
            try authorize(context, .manageAPICredentials, in: tx)
            var role = try requireRole(id, in: tx)
            var details: [String: String] = [:]
            if let name, name != role.name {
                details["name"] = name
                role.name = name
            }
            if let description, description != role.description {
                details["description"] = description
                role.description = description
            }
            if let wanted, wanted != role.allowedActions {
                try requireKnown(wanted, in: tx)
                role.setAllowedActions(wanted)
                details["actions"] = role.sortedActions.joined(separator: ", ")
            }
            guard !details.isEmpty else { return role }
            role.updatedAt = clock.now()
            try tx.updateRole(role)
            try tx.appendChange(.role, id: role.id)
            try audit(tx, context, "role.updated", target: ("role", role.id, role.name), details: details)
            return role
        }
    }

    /// Removes a role and unassigns it from every credential that held it.
    ///
    /// - Returns: how many credentials held the role.
    @discardableResult
    public func removeRole(id: Int64, context: AuditContext) throws -> Int {
        try write { tx in
            try authorize(context, .manageAPICredentials, in: tx)
            let role = try requireRole(id, in: tx)
            let holders = try tx.credentialIDs(holdingRole: id)
            try tx.deleteRole(id: id)
            try tx.appendChange(.role, id: id)
            // A later role may reuse the id; refresh the holders so none keeps a stale reference.
            for credential in holders { try tx.appendChange(.credential, id: credential) }
            try audit(
                tx, context, "role.removed", target: ("role", role.id, role.name),
                details: ["credentials": String(holders.count)]
            )
            return holders.count
        }
    }

    /// Every role, by name.
    public func roles() throws -> [APIRole] { try store.read { try $0.roles() } }

    /// The role with this name (case-insensitive) or, when the text is a number, this id.
    public func role(named reference: String) throws -> APIRole {
        try store.read { tx in
            if let role = try tx.role(named: reference) { return role }
            if let id = Int64(reference), let role = try tx.role(id: id) { return role }
            throw KeywardError.notFound("API role \"\(reference)\" not found")
        }
    }

    /// The action catalog, by category then name.
    public func actions() throws -> [ActionDescriptor] { try store.read { try $0.actions() } }

    /// Replaces the stored action catalog with the server's registry when it differs.
    public func registerActions(_ actions: [ActionDescriptor]) throws {
        let sorted = actions.sorted { ($0.category, $0.name) < ($1.category, $1.name) }
        let current = try store.read { try $0.actions() }
        guard current != sorted else { return }
        try store.write { tx in try tx.replaceActions(sorted) }
    }

    func requireRole(_ id: Int64, in tx: any StoreTransaction) throws -> APIRole {
        guard let role = try tx.role(id: id) else { throw KeywardError.notFound("API role \(id) not found") }
        return role
    }

    func requireKnown(_ actions: Set<String>, in tx: any StoreTransaction) throws {
        let known = Set(try tx.actions().map(\.key))
        if let unknown = actions.subtracting(known).sorted().first {
            throw KeywardError.invalidInput("Unknown API action \"\(unknown)\"")
        }
    }
}
