import KeywardCore

/// The `--json` shapes of Keyward's values. Secrets, password hashes and secret hashes have no
/// field here: they cannot be printed by mistake.
extension JSONValue {
    /// An admin, with its group's name when known.
    public static func admin(_ admin: Admin, group: AdminGroup?) -> JSONValue {
        .object([
            "id": .integer(admin.id),
            "uuid": .string(admin.uuid),
            "username": .string(admin.username),
            "firstName": .string(admin.firstName),
            "lastName": .string(admin.lastName),
            "fullName": .string(admin.fullName),
            "email": .string(admin.email),
            "group": .object(["id": .integer(admin.groupID), "name": .string(group?.name)]),
            "disabled": .bool(admin.isDisabled),
            "notes": .string(admin.notes),
            "signature": .string(admin.signature),
            "createdAt": .date(admin.createdAt),
            "updatedAt": .date(admin.updatedAt),
        ])
    }

    /// An admin role group, with how many admins belong to it.
    public static func group(_ group: AdminGroup, adminCount: Int) -> JSONValue {
        .object([
            "id": .integer(group.id),
            "name": .string(group.name),
            "permissions": .strings(group.permissions.sorted().map(\.name)),
            "builtIn": .bool(group.isBuiltIn),
            "admins": .integer(adminCount),
            "createdAt": .date(group.createdAt),
            "updatedAt": .date(group.updatedAt),
        ])
    }

    /// An API role; actions by their catalog names where known.
    public static func role(_ role: APIRole, actionNames: [String]) -> JSONValue {
        .object([
            "id": .integer(role.id),
            "name": .string(role.name),
            "description": .string(role.description),
            "actions": .strings(actionNames),
            "createdAt": .date(role.createdAt),
            "updatedAt": .date(role.updatedAt),
        ])
    }

    /// A credential with its admin and role names: everything but the secret, which is not stored.
    public static func credential(_ listing: CredentialListing) -> JSONValue {
        let credential = listing.credential
        return .object([
            "id": .integer(credential.id),
            "identifier": .string(credential.identifier),
            "admin": .object([
                "id": .integer(credential.adminID),
                "username": .string(listing.adminUsername),
                "name": .string(listing.adminFullName),
            ]),
            "description": .string(credential.description),
            "roles": .strings(listing.roleNames),
            "roleIds": .array(credential.roleIDs.map(JSONValue.integer)),
            "createdAt": .date(credential.createdAt),
            "lastAccessAt": .date(credential.lastAccessAt),
            "lastAccessIP": .string(credential.lastAccessIP),
        ])
    }

    /// An entry of the action catalog.
    public static func action(_ action: ActionDescriptor) -> JSONValue {
        .object([
            "name": .string(action.name), "category": .string(action.category),
            "summary": .string(action.summary),
        ])
    }

    /// An activity log entry.
    public static func auditEvent(_ event: AuditEvent) -> JSONValue {
        .object([
            "id": .integer(event.id),
            "time": .date(event.time),
            "actor": .object([
                "kind": .string(event.actor.kind.rawValue),
                "id": event.actor.id.map(JSONValue.integer) ?? .null,
                "label": .string(event.actor.label),
            ]),
            "event": .string(event.event),
            "target": .object([
                "type": .string(event.targetType),
                "id": .string(event.targetID),
                "label": .string(event.targetLabel),
            ]),
            "clientIP": .string(event.clientIP),
            "details": .object(event.details.mapValues(JSONValue.string)),
        ])
    }

    /// An API IP allowlist entry.
    public static func allowlistEntry(_ entry: AllowlistEntry) -> JSONValue {
        .object([
            "id": .integer(entry.id),
            "network": .string(entry.network),
            "note": .string(entry.note),
            "createdAt": .date(entry.createdAt),
        ])
    }

    /// The API security settings; the access key only as whether one is set.
    public static func settings(_ settings: SecuritySettings) -> JSONValue {
        .object([
            "legacyLogin": .bool(settings.legacyLoginEnabled),
            "apiBanThreshold": .integer(settings.apiBanThreshold),
            "signInBanThreshold": .integer(settings.signInBanThreshold),
            "banSeconds": .integer(settings.banSeconds),
            "banExemptions": .strings(settings.banExemptions),
            "rateLimitPerSecond": .integer(settings.rateLimitPerSecond),
            "rateLimitBurst": .integer(settings.rateLimitBurst),
            "accessKeySet": .bool(settings.hasAccessKey),
        ])
    }
}
