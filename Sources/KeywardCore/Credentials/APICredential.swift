import FoundationEssentials

/// An API credential: an identifier + secret pair that authenticates as its admin.
///
/// The secret itself is never part of this value and never stored: the store keeps only its keyed
/// hashes (``SecretDigest``). The schema leaves room for expiry, an enabled flag and a
/// per-credential IP allowlist, which later migrations add as columns and a table.
public struct APICredential: Hashable, Sendable, Codable, Identifiable {
    /// The database id; `0` before the credential is stored.
    public var id: Int64
    /// The public, unique identifier sent as `identifier` (or `username`).
    public var identifier: String
    /// The admin the credential authenticates as.
    public var adminID: Int64
    /// A description for the operator's context; empty when none was given.
    public var description: String
    /// The credential's API roles, sorted by id.
    public var roleIDs: [Int64]
    /// When the credential was generated.
    public var createdAt: Date
    /// When a request last authenticated with it, if ever.
    public var lastAccessAt: Date?
    /// The client IP of that request, as text.
    public var lastAccessIP: String?

    /// Creates a credential value.
    public init(
        id: Int64 = 0,
        identifier: String,
        adminID: Int64,
        description: String = "",
        roleIDs: [Int64] = [],
        createdAt: Date,
        lastAccessAt: Date? = nil,
        lastAccessIP: String? = nil
    ) {
        self.id = id
        self.identifier = identifier
        self.adminID = adminID
        self.description = description
        self.roleIDs = Array(Set(roleIDs)).sorted()
        self.createdAt = createdAt
        self.lastAccessAt = lastAccessAt
        self.lastAccessIP = lastAccessIP
    }
}
