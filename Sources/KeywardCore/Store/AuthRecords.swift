/// What the authentication index keeps of a credential: no description, no times.
public struct CredentialAuthRecord: Hashable, Sendable {
    /// The credential's id.
    public var id: Int64
    /// The public identifier.
    public var identifier: String
    /// The owning admin.
    public var adminID: Int64
    /// Role ids.
    public var roleIDs: [Int64]
    /// The stored hashes.
    public var digest: SecretDigest

    /// Creates a record.
    public init(id: Int64, identifier: String, adminID: Int64, roleIDs: [Int64], digest: SecretDigest) {
        self.id = id
        self.identifier = identifier
        self.adminID = adminID
        self.roleIDs = roleIDs
        self.digest = digest
    }
}

/// What the authentication index keeps of an admin.
public struct AdminAuthRecord: Hashable, Sendable {
    /// The admin's id.
    public var id: Int64
    /// The username (for legacy logins).
    public var username: String
    /// The admin role group.
    public var groupID: Int64
    /// Whether the admin is disabled.
    public var isDisabled: Bool
    /// The Argon2id password hash (over the hex MD5 of the password), for legacy API logins.
    public var passwordHash: String

    /// Creates a record.
    public init(id: Int64, username: String, groupID: Int64, isDisabled: Bool, passwordHash: String) {
        self.id = id
        self.username = username
        self.groupID = groupID
        self.isDisabled = isDisabled
        self.passwordHash = passwordHash
    }
}

/// Everything the authentication index needs, read in one transaction.
public struct AuthSnapshot: Sendable {
    /// Every credential.
    public var credentials: [CredentialAuthRecord]
    /// Every admin.
    public var admins: [AdminAuthRecord]
    /// Every role.
    public var roles: [APIRole]
    /// Every admin role group.
    public var groups: [AdminGroup]
    /// The API security settings.
    public var settings: [String: String]
    /// The API IP allowlist.
    public var allowlist: [AllowlistEntry]
    /// The change-feed position the snapshot is consistent with.
    public var seq: Int64

    /// Creates a snapshot.
    public init(
        credentials: [CredentialAuthRecord],
        admins: [AdminAuthRecord],
        roles: [APIRole],
        groups: [AdminGroup],
        settings: [String: String],
        allowlist: [AllowlistEntry],
        seq: Int64
    ) {
        self.credentials = credentials
        self.admins = admins
        self.roles = roles
        self.groups = groups
        self.settings = settings
        self.allowlist = allowlist
        self.seq = seq
    }
}
