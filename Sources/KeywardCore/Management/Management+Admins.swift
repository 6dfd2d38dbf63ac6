import FoundationEssentials

extension Management {
    /// Creates an admin with a password typed by a person.
    ///
    /// - Throws: `invalidInput` for a bad field or a weak password, `notFound` for an unknown
    ///   group, `conflict` for a taken username.
    @discardableResult
    public func createAdmin(_ input: AdminInput, password: String, context: AuditContext) throws -> Admin {
        try Validation.password(password)
        let username = try Validation.username(input.username)
        let firstName = try Validation.name(input.firstName, field: "first name", limit: 100, required: false)
        let lastName = try Validation.name(input.lastName, field: "last name", limit: 100, required: false)
        let email = try Validation.email(input.email, required: false)
        let notes = try Validation.text(input.notes, field: "notes", limit: 10_000)
        let signature = try Validation.text(input.signature, field: "signature", limit: 10_000)
        let hash = try passwords.hash(password: password)
        return try write { tx in
            try authorize(context, .configureAdministrators, in: tx)
            guard let group = try tx.group(id: input.groupID) else {
                throw KeywardError.notFound("Admin role group \(input.groupID) not found")
            }
            let now = clock.now()
            var admin = Admin(
                uuid: UUID().uuidString.lowercased(),
                username: username,
                firstName: firstName,
                lastName: lastName,
                email: email,
                groupID: group.id,
                notes: notes,
                signature: signature,
                createdAt: now,
                updatedAt: now
            )
            admin.id = try tx.insertAdmin(admin, passwordHash: hash)
            try tx.appendChange(.admin, id: admin.id)
            try audit(
                tx, context, "admin.created", target: ("admin", admin.id, admin.username),
                details: ["group": group.name, "email": email]
            )
            return admin
        }
    }

    /// Changes an admin's fields.
    @discardableResult
    public func updateAdmin(id: Int64, _ changes: AdminChanges, context: AuditContext) throws -> Admin {
        let username = try changes.username.map(Validation.username)
        let firstName = try changes.firstName.map { try Validation.name($0, field: "first name", required: false) }
        let lastName = try changes.lastName.map { try Validation.name($0, field: "last name", required: false) }
        let email = try changes.email.map { try Validation.email($0, required: false) }
        let notes = try changes.notes.map { try Validation.text($0, field: "notes", limit: 10_000) }
        let signature = try changes.signature.map { try Validation.text($0, field: "signature", limit: 10_000) }
        return try write { tx in
            try authorize(context, .configureAdministrators, in: tx)
            var admin = try requireAdmin(id, in: tx)
            var changed: [String: String] = [:]
            if let username, username != admin.username {
                changed["username"] = username
                admin.username = username
            }
            if let firstName, firstName != admin.firstName {
                changed["firstName"] = firstName
                admin.firstName = firstName
            }
            if let lastName, lastName != admin.lastName {
                changed["lastName"] = lastName
                admin.lastName = lastName
            }
            if let email, email != admin.email {
                changed["email"] = email
                admin.email = email
            }
            if let notes, notes != admin.notes {
                changed["notes"] = "changed"
                admin.notes = notes
            }
            if let signature, signature != admin.signature {
                changed["signature"] = "changed"
                admin.signature = signature
            }
            if let groupID = changes.groupID, groupID != admin.groupID {
                guard let group = try tx.group(id: groupID) else {
                    throw KeywardError.notFound("Admin role group \(groupID) not found")
                }
                try ensureAnotherAdministrator(besides: admin, in: tx, unless: group)
                admin.groupID = groupID
                changed["group"] = group.name
            }
            guard !changed.isEmpty else { return admin }
            admin.updatedAt = clock.now()
            try tx.updateAdmin(admin)
            try tx.appendChange(.admin, id: admin.id)
            try audit(tx, context, "admin.updated", target: ("admin", admin.id, admin.username), details: changed)
            return admin
        }
    }

    /// Sets an admin's password and ends its admin-area sessions. Its API credentials are not
    /// affected.
    public func setPassword(adminID: Int64, password: String, context: AuditContext) throws {
        try Validation.password(password)
        let hash = try passwords.hash(password: password)
        try write { tx in
            if context.actingAdminID != adminID { try authorize(context, .configureAdministrators, in: tx) }
            let admin = try requireAdmin(adminID, in: tx)
            try tx.setPasswordHash(adminID: adminID, hash: hash, at: clock.now())
            // A new password ends every admin-area session of the admin (a stolen one included).
            try tx.deleteSessions(adminID: adminID)
            try tx.appendChange(.admin, id: adminID)
            try audit(tx, context, "admin.password_changed", target: ("admin", admin.id, admin.username))
        }
    }

    /// Disables or enables an admin. A disabled admin's credentials stop authenticating at once.
    @discardableResult
    public func setDisabled(adminID: Int64, _ disabled: Bool, context: AuditContext) throws -> Admin {
        try write { tx in
            try authorize(context, .configureAdministrators, in: tx)
            var admin = try requireAdmin(adminID, in: tx)
            guard admin.isDisabled != disabled else { return admin }
            if disabled { try ensureAnotherAdministrator(besides: admin, in: tx) }
            admin.isDisabled = disabled
            admin.updatedAt = clock.now()
            try tx.updateAdmin(admin)
            // A disabled admin is signed out of the admin area everywhere at once.
            if disabled { try tx.deleteSessions(adminID: admin.id) }
            try tx.appendChange(.admin, id: admin.id)
            let count = try tx.credentialIDs(adminID: admin.id).count
            try audit(
                tx, context, disabled ? "admin.disabled" : "admin.enabled",
                target: ("admin", admin.id, admin.username), details: ["credentials": String(count)]
            )
            return admin
        }
    }

    /// Removes an admin and, in the same transaction, every API credential it owns.
    ///
    /// - Returns: how many credentials were removed with it.
    @discardableResult
    public func removeAdmin(id: Int64, context: AuditContext) throws -> Int {
        try write { tx in
            try authorize(context, .configureAdministrators, in: tx)
            if context.actingAdminID == id { throw KeywardError.conflict("You cannot remove your own account") }
            let admin = try requireAdmin(id, in: tx)
            try ensureAnotherAdministrator(besides: admin, in: tx)
            let credentials = try tx.credentialIDs(adminID: id)
            try tx.deleteAdmin(id: id)
            try tx.appendChange(.admin, id: id)
            for credential in credentials { try tx.appendChange(.credential, id: credential) }
            try audit(
                tx, context, "admin.removed", target: ("admin", admin.id, admin.username),
                details: ["credentials": String(credentials.count)]
            )
            return credentials.count
        }
    }

    /// How many API credentials an admin holds (the removal confirmation says it).
    public func credentialCount(adminID: Int64) throws -> Int {
        try store.read { tx in try tx.credentialIDs(adminID: adminID).count }
    }

    /// Every admin, by id.
    public func admins() throws -> [Admin] { try store.read { try $0.admins() } }

    /// The admin with this id.
    public func admin(id: Int64) throws -> Admin {
        try store.read { tx in try requireAdmin(id, in: tx) }
    }

    /// The admin with this username (case-insensitive) or, when the text is a number, this id.
    public func admin(named reference: String) throws -> Admin {
        try store.read { tx in
            if let admin = try tx.admin(username: reference) { return admin }
            if let id = Int64(reference), let admin = try tx.admin(id: id) { return admin }
            throw KeywardError.notFound("Admin \"\(reference)\" not found")
        }
    }

    func requireAdmin(_ id: Int64, in tx: any StoreTransaction) throws -> Admin {
        guard let admin = try tx.admin(id: id) else { throw KeywardError.notFound("Admin \(id) not found") }
        return admin
    }

    /// Keyward must keep at least one enabled admin who can configure administrators, or nobody
    /// could ever manage it from the admin area again. Checked before `admin` is disabled, removed
    /// or moved to a group that lacks the permission.
    func ensureAnotherAdministrator(
        besides admin: Admin,
        in tx: any StoreTransaction,
        unless newGroup: AdminGroup? = nil
    ) throws {
        if let newGroup, newGroup.allows(.configureAdministrators) { return }
        let groups = Dictionary(uniqueKeysWithValues: try tx.groups().map { ($0.id, $0) })
        func counts(_ candidate: Admin) -> Bool {
            !candidate.isDisabled && groups[candidate.groupID]?.allows(.configureAdministrators) == true
        }
        guard counts(admin) else { return }
        guard try tx.admins().contains(where: { $0.id != admin.id && counts($0) }) else {
            throw KeywardError.conflict(
                "This is the last enabled admin who can configure administrators; create another one first"
            )
        }
    }
}
