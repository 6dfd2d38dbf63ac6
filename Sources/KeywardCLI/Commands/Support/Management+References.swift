import KeywardCore

/// Lookups the commands share: references typed by the operator (a name or an id) resolved to
/// stored values, and names checked with "did you mean" suggestions.
extension Management {
    /// The group with this id.
    func group(id: Int64) throws -> AdminGroup {
        guard let group = try groups().first(where: { $0.id == id }) else {
            throw KeywardError.notFound("Admin role group \(id) not found")
        }
        return group
    }

    /// A credential with its admin's and roles' names, as the credentials table shows it.
    func listing(for credential: APICredential) throws -> CredentialListing {
        let admin = try admin(id: credential.adminID)
        let rolesByID = Dictionary(uniqueKeysWithValues: try roles().map { ($0.id, $0.name) })
        return CredentialListing(
            credential: credential,
            adminUsername: admin.username,
            adminFullName: admin.fullName,
            roleNames: credential.roleIDs.compactMap { rolesByID[$0] }.sorted()
        )
    }

    /// Roles by name or id, in the order given, without repeats.
    func roles(named references: [String]) throws -> [APIRole] {
        var seen = Set<Int64>()
        var found: [APIRole] = []
        for reference in references {
            let role = try role(named: reference)
            if seen.insert(role.id).inserted { found.append(role) }
        }
        return found
    }

    /// The canonical catalog names of actions typed in any case, in catalog order.
    ///
    /// - Throws: `invalidInput` naming the first unknown action and the closest known one.
    func actionNames(_ typed: [String]) throws -> [String] {
        let catalog = try actions()
        let byKey = Dictionary(catalog.map { ($0.key, $0.name) }, uniquingKeysWith: { first, _ in first })
        var keys = Set<String>()
        for name in typed {
            let key = name.trimmed.lowercased()
            guard byKey[key] != nil else {
                var message = "Unknown API action \"\(name)\""
                if let suggestion = Suggestion.closest(to: name, in: catalog.map(\.name)) {
                    message += "; did you mean \"\(suggestion)\"?"
                }
                throw KeywardError.invalidInput(message + " (see 'keyward actions')")
            }
            keys.insert(key)
        }
        return catalog.filter { keys.contains($0.key) }.map(\.name)
    }

    /// A role's actions by their catalog names (stored names the catalog no longer has are kept as
    /// stored), sorted.
    func actionNames(of role: APIRole) throws -> [String] {
        let byKey = Dictionary(try actions().map { ($0.key, $0.name) }, uniquingKeysWith: { first, _ in first })
        return role.sortedActions.map { byKey[$0] ?? $0 }.sorted()
    }
}

/// Permission names typed by the operator.
enum PermissionNames {
    /// The permissions with these names (case-insensitive).
    ///
    /// - Throws: `invalidInput` naming the first unknown permission and the closest known one.
    static func resolve(_ names: [String]) throws -> Set<Permission> {
        var permissions = Set<Permission>()
        for name in names {
            guard let permission = Permission.named(name) else {
                var message = "Unknown permission \"\(name)\""
                if let suggestion = Suggestion.closest(to: name, in: Permission.all.map(\.name)) {
                    message += "; did you mean \"\(suggestion)\"?"
                }
                throw KeywardError.invalidInput(message + " (see 'keyward group permissions')")
            }
            permissions.insert(permission)
        }
        return permissions
    }
}
