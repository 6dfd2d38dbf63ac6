import KeywardCore

/// Shared helpers of the Keyward credential-management actions.
///
/// These actions let automation manage credentials through the same protocol and roles. Each
/// also requires the calling credential's admin to hold `Manage API Credentials` (checked by
/// ``Management`` in the same transaction), so a credential can never do more than its admin could
/// in the admin area.
enum CredentialActions {
    static let category = "Keyward"

    /// Runs a management operation for a caller whose admin holds `Manage API Credentials` (checked
    /// first, so callers without it learn nothing about which credentials or roles exist; checked
    /// again by ``Management`` in the transaction), and turns a domain error into the action's
    /// error message.
    static func run(_ call: APICall, _ body: () throws -> APIResult) -> APIResult {
        guard call.index.permissions(adminID: call.principal.adminID).contains(.manageAPICredentials) else {
            return .error("Invalid Permissions: You do not have the \"Manage API Credentials\" permission")
        }
        do {
            return try body()
        } catch let error as KeywardError {
            switch error.code {
            case .forbidden: return .error("Invalid Permissions: \(error.message)")
            case .storage, .internal: return .error("An internal error occurred")
            default: return .error(error.message)
            }
        } catch {
            return .error("An internal error occurred")
        }
    }

    /// Finds the credential named by `id` or `identifier`.
    static func credential(_ call: APICall) throws -> APICredential {
        if case .some(.some(let id)) = call.parameters.integer("id") {
            return try call.management.credential(named: String(id))
        }
        if let identifier = call.parameters["credential"] {
            return try call.management.credential(named: identifier)
        }
        throw KeywardError.invalidInput("Credential ID Not Provided")
    }

    /// Role ids from `roleids` (comma-separated ids or names); `nil` when absent.
    static func roleIDs(_ call: APICall) throws -> [Int64]? {
        guard let items = call.parameters.list("roleids") ?? call.parameters.list("roles") else { return nil }
        return try items.map { try call.management.role(named: $0).id }
    }

    static func value(_ listing: CredentialListing) -> APIValue {
        let credential = listing.credential
        return .object([
            ("id", .int(credential.id)),
            ("identifier", .string(credential.identifier)),
            ("adminid", .int(credential.adminID)),
            ("admin", .string(listing.adminDisplayName)),
            ("description", .string(credential.description)),
            ("roleids", .string(credential.roleIDs.map(String.init).joined(separator: ","))),
            ("roles", .string(listing.roleNames.joined(separator: ","))),
            ("created", .string(TimeFormat.dateTime(credential.createdAt))),
            ("lastaccess", .string(credential.lastAccessAt.map(TimeFormat.dateTime) ?? "")),
            ("lastaccessip", .string(credential.lastAccessIP ?? "")),
        ])
    }
}

/// `ListApiCredentials`: a page of the credentials table (never a secret).
public struct ListApiCredentials: APIAction {
    /// Creates the action.
    public init() {}
    /// The canonical name.
    public var name: String { "ListApiCredentials" }
    /// The role editor's category.
    public var category: String { CredentialActions.category }
    /// What the action does.
    public var summary: String { "List API credentials with search, sort and paging (secrets are never returned)" }
    /// The filters it reads.
    public var parameters: [ActionParameter] {
        [
            ActionParameter("search", "Text matched against identifier, description, admin and roles"),
            ActionParameter("adminid", "Only this admin's credentials"),
            ActionParameter("orderby", "identifier, description, admin, roles, created or lastAccess"),
            ActionParameter("order", "asc or desc"),
            ActionParameter("limitstart", "Rows to skip"),
            ActionParameter("limitnum", "Rows to return (default 25, at most 250)"),
        ]
    }

    /// It reads the database, which may be a network away.
    public var isSlow: Bool { true }

    /// Answers `totalresults`, `startnumber`, `numreturned` and `credentials`.
    public func run(_ call: APICall) -> APIResult {
        CredentialActions.run(call) {
            var query = CredentialQuery()
            query.search = call.parameters["search"] ?? ""
            if case .some(.some(let admin)) = call.parameters.integer("adminid") { query.adminID = admin }
            if let sort = call.parameters["orderby"] {
                guard
                    let key = CredentialQuery.SortKey.allCases.first(where: {
                        $0.rawValue.lowercased() == sort.lowercased()
                    })
                else { return .error("Invalid orderby value") }
                query.sort = key
            }
            query.ascending = call.parameters["order"]?.lowercased() == "asc"
            if case .some(.some(let start)) = call.parameters.integer("limitstart") {
                query.offset = max(0, Int(start))
            }
            query.limit = 25
            if case .some(.some(let limit)) = call.parameters.integer("limitnum") {
                query.limit = min(250, max(1, Int(limit)))
            }
            let page = try call.management.store.read { tx in
                try Management.authorizeRead(call.auditContext, .manageAPICredentials, in: tx)
                return try tx.credentials(matching: query)
            }
            return .success([
                ("totalresults", .int(Int64(page.matching))),
                ("startnumber", .int(Int64(query.offset))),
                ("numreturned", .int(Int64(page.rows.count))),
                ("credentials", .list(element: "credential", page.rows.map(CredentialActions.value))),
            ])
        }
    }
}

/// `GenerateApiCredential`: a new credential for an admin; the secret is returned this once.
public struct GenerateApiCredential: APIAction {
    /// Creates the action.
    public init() {}
    /// The canonical name.
    public var name: String { "GenerateApiCredential" }
    /// The role editor's category.
    public var category: String { CredentialActions.category }
    /// What the action does.
    public var summary: String { "Generate a new API credential; the secret is returned only in this response" }
    /// The fields it reads.
    public var parameters: [ActionParameter] {
        [
            ActionParameter("adminid", required: true, "The admin the credential authenticates as"),
            ActionParameter("description", "A description for context"),
            ActionParameter("roleids", "Comma-separated API role ids or names"),
        ]
    }
    /// It writes to the database.
    public var isSlow: Bool { true }

    /// Answers `id`, `identifier` and `secret`.
    public func run(_ call: APICall) -> APIResult {
        CredentialActions.run(call) {
            guard case .some(.some(let adminID)) = call.parameters.integer("adminid") else {
                return .error("Admin ID Not Provided")
            }
            let generated = try call.management.generateCredential(
                adminID: adminID,
                description: call.parameters["description"] ?? "",
                roleIDs: try CredentialActions.roleIDs(call) ?? [],
                context: call.auditContext
            )
            return .success([
                ("id", .int(generated.credential.id)),
                ("identifier", .string(generated.credential.identifier)),
                ("secret", .string(generated.secret)),
            ])
        }
    }
}

/// `UpdateApiCredential`: a credential's description and roles.
public struct UpdateApiCredential: APIAction {
    /// Creates the action.
    public init() {}
    /// The canonical name.
    public var name: String { "UpdateApiCredential" }
    /// The role editor's category.
    public var category: String { CredentialActions.category }
    /// What the action does.
    public var summary: String { "Update an API credential's description and API roles" }
    /// The fields it reads.
    public var parameters: [ActionParameter] {
        [
            ActionParameter("id", required: true, "The credential's id (or `credential`: its identifier)"),
            ActionParameter("description", "The new description"),
            ActionParameter("roleids", "Comma-separated API role ids or names; replaces the current roles"),
        ]
    }
    /// It writes to the database.
    public var isSlow: Bool { true }

    /// Answers the credential's id.
    public func run(_ call: APICall) -> APIResult {
        CredentialActions.run(call) {
            let credential = try CredentialActions.credential(call)
            // Every input is resolved before the first write, so a bad role changes nothing.
            let roles = try CredentialActions.roleIDs(call)
            // An empty description clears it; an absent one leaves it as it is.
            if call.parameters.isPresent("description") {
                try call.management.describeCredential(
                    id: credential.id,
                    description: call.parameters["description"] ?? "",
                    context: call.auditContext
                )
            }
            if let roles {
                try call.management.setCredentialRoles(id: credential.id, roleIDs: roles, context: call.auditContext)
            }
            return .success([("id", .int(credential.id))])
        }
    }
}

/// `DeleteApiCredential`: removes a credential; it stops authenticating at once.
public struct DeleteApiCredential: APIAction {
    /// Creates the action.
    public init() {}
    /// The canonical name.
    public var name: String { "DeleteApiCredential" }
    /// The role editor's category.
    public var category: String { CredentialActions.category }
    /// What the action does.
    public var summary: String { "Delete an API credential; requests using it fail from then on" }
    /// The fields it reads.
    public var parameters: [ActionParameter] {
        [ActionParameter("id", required: true, "The credential's id (or `credential`: its identifier)")]
    }
    /// It writes to the database.
    public var isSlow: Bool { true }

    /// Answers the removed credential's id.
    public func run(_ call: APICall) -> APIResult {
        CredentialActions.run(call) {
            let credential = try CredentialActions.credential(call)
            try call.management.removeCredential(id: credential.id, context: call.auditContext)
            return .success([("id", .int(credential.id))])
        }
    }
}

/// `ListApiRoles`: the API roles and their allowed actions.
public struct ListApiRoles: APIAction {
    /// Creates the action.
    public init() {}
    /// The canonical name.
    public var name: String { "ListApiRoles" }
    /// The role editor's category.
    public var category: String { CredentialActions.category }
    /// What the action does.
    public var summary: String { "List the API roles and the actions each allows" }
    /// It reads no parameters.
    public var parameters: [ActionParameter] { [] }

    /// It reads the database, which may be a network away.
    public var isSlow: Bool { true }

    /// Answers `totalresults` and `roles`.
    public func run(_ call: APICall) -> APIResult {
        CredentialActions.run(call) {
            let roles = try call.management.store.read { tx in
                try Management.authorizeRead(call.auditContext, .manageAPICredentials, in: tx)
                return try tx.roles()
            }
            return .success([
                ("totalresults", .int(Int64(roles.count))),
                (
                    "roles",
                    .list(
                        element: "role",
                        roles.map { role in
                            .object([
                                ("id", .int(role.id)),
                                ("name", .string(role.name)),
                                ("description", .string(role.description)),
                                ("permissions", .string(role.sortedActions.joined(separator: ","))),
                            ])
                        }
                    )
                ),
            ])
        }
    }
}
