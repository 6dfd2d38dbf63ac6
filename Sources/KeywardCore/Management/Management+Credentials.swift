extension Management {
    /// Generates a credential for an admin. The returned secret exists nowhere else: show it once.
    ///
    /// As in WHMCS, at least one API role must exist in the system, though the new credential
    /// may hold none (it is then allowed nothing).
    public func generateCredential(
        adminID: Int64,
        description: String = "",
        roleIDs: [Int64] = [],
        context: AuditContext
    ) throws -> GeneratedCredential {
        let description = try Validation.text(description, field: "description", limit: 255, multiline: false)
        let identifier = generator.newIdentifier()
        let secret = generator.newSecret()
        let digest = secrets.digest(secret: secret)
        let credential = try write { tx in
            try authorize(context, .manageAPICredentials, in: tx)
            let admin = try requireAdmin(adminID, in: tx)
            guard try !tx.roles().isEmpty else {
                throw KeywardError.invalidInput("Create an API role before generating credentials")
            }
            let roles = try roleIDs.map { try requireRole($0, in: tx) }
            var credential = APICredential(
                identifier: identifier,
                adminID: admin.id,
                description: description,
                roleIDs: roles.map(\.id),
                createdAt: clock.now()
            )
            credential.id = try tx.insertCredential(credential, digest: digest)
            try tx.appendChange(.credential, id: credential.id)
            try audit(
                tx, context, "credential.generated", target: ("credential", credential.id, credential.identifier),
                details: [
                    "admin": admin.username,
                    "description": description,
                    "roles": roles.map(\.name).sorted().joined(separator: ", "),
                ]
            )
            return credential
        }
        return GeneratedCredential(credential: credential, secret: secret)
    }

    /// Replaces a credential's description.
    @discardableResult
    public func describeCredential(id: Int64, description: String, context: AuditContext) throws -> APICredential {
        let description = try Validation.text(description, field: "description", limit: 255, multiline: false)
        return try write { tx in
            try authorize(context, .manageAPICredentials, in: tx)
            var credential = try requireCredential(id, in: tx)
            guard credential.description != description else { return credential }
            try tx.setCredentialDescription(id: id, description: description)
            credential.description = description
            try tx.appendChange(.credential, id: id)
            try audit(
                tx, context, "credential.described", target: ("credential", id, credential.identifier),
                details: ["description": description]
            )
            return credential
        }
    }

    /// Replaces a credential's API roles.
    @discardableResult
    public func setCredentialRoles(id: Int64, roleIDs: [Int64], context: AuditContext) throws -> APICredential {
        try write { tx in
            try authorize(context, .manageAPICredentials, in: tx)
            var credential = try requireCredential(id, in: tx)
            let roles = try Set(roleIDs).sorted().map { try requireRole($0, in: tx) }
            let ids = roles.map(\.id)
            guard ids != credential.roleIDs else { return credential }
            try tx.setCredentialRoles(id: id, roleIDs: ids)
            credential.roleIDs = ids
            try tx.appendChange(.credential, id: id)
            try audit(
                tx, context, "credential.roles_changed", target: ("credential", id, credential.identifier),
                details: ["roles": roles.map(\.name).sorted().joined(separator: ", ")]
            )
            return credential
        }
    }

    /// Removes a credential; requests with its identifier fail from the next one on.
    public func removeCredential(id: Int64, context: AuditContext) throws {
        try write { tx in
            try authorize(context, .manageAPICredentials, in: tx)
            let credential = try requireCredential(id, in: tx)
            try tx.deleteCredential(id: id)
            try tx.appendChange(.credential, id: id)
            try audit(tx, context, "credential.removed", target: ("credential", id, credential.identifier))
        }
    }

    /// The credential with this identifier or, when the text is a number, this id.
    public func credential(named reference: String) throws -> APICredential {
        try store.read { tx in
            if let credential = try tx.credential(identifier: reference) { return credential }
            if let id = Int64(reference), let credential = try tx.credential(id: id) { return credential }
            throw KeywardError.notFound("API credential \"\(reference)\" not found")
        }
    }

    /// A page of the credentials table.
    public func credentials(matching query: CredentialQuery) throws -> CredentialPage {
        try store.read { try $0.credentials(matching: query) }
    }

    func requireCredential(_ id: Int64, in tx: any StoreTransaction) throws -> APICredential {
        guard let credential = try tx.credential(id: id) else {
            throw KeywardError.notFound("API credential \(id) not found")
        }
        return credential
    }
}
