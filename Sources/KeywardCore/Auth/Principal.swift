/// Who an authenticated API request acts as.
public struct Principal: Hashable, Sendable {
    /// The credential used, or `nil` for a legacy admin username + MD5(password) login.
    public var credentialID: Int64?
    /// The credential's identifier, or `nil` for a legacy login.
    public var identifier: String?
    /// The admin the request acts as.
    public var adminID: Int64
    /// That admin's username.
    public var adminUsername: String

    /// Creates a principal.
    public init(credentialID: Int64?, identifier: String?, adminID: Int64, adminUsername: String) {
        self.credentialID = credentialID
        self.identifier = identifier
        self.adminID = adminID
        self.adminUsername = adminUsername
    }

    /// Whether this is a deprecated legacy admin login (not limited by API roles).
    public var isLegacyLogin: Bool { credentialID == nil }

    /// The audit actor: the credential, or the admin for a legacy login.
    public var auditActor: AuditActor {
        if let credentialID, let identifier {
            return AuditActor(kind: .credential, id: credentialID, label: identifier)
        }
        return AuditActor(kind: .admin, id: adminID, label: adminUsername)
    }
}
