import FoundationEssentials

/// A staff user. Admins sign in to the admin area and own API credentials.
///
/// The password hash is deliberately not part of this value, so an `Admin` can be printed,
/// encoded and logged without risk; stores read and write it separately.
public struct Admin: Hashable, Sendable, Codable, Identifiable {
    /// The database id; `0` before the admin is stored.
    public var id: Int64
    /// A stable UUID, as WHMCS exposes in `GetAdminUsers`.
    public var uuid: String
    /// The sign-in name, unique case-insensitively.
    public var username: String
    /// First name.
    public var firstName: String
    /// Last name.
    public var lastName: String
    /// Email address.
    public var email: String
    /// The admin role group that grants the admin's permissions.
    public var groupID: Int64
    /// A disabled admin cannot sign in and none of its API credentials authenticate.
    public var isDisabled: Bool
    /// Free-form notes.
    public var notes: String
    /// The admin's ticket signature.
    public var signature: String
    /// When the admin was created.
    public var createdAt: Date
    /// When the admin last changed.
    public var updatedAt: Date

    /// Creates an admin value.
    public init(
        id: Int64 = 0,
        uuid: String,
        username: String,
        firstName: String,
        lastName: String,
        email: String,
        groupID: Int64,
        isDisabled: Bool = false,
        notes: String = "",
        signature: String = "",
        createdAt: Date,
        updatedAt: Date
    ) {
        self.id = id
        self.uuid = uuid
        self.username = username
        self.firstName = firstName
        self.lastName = lastName
        self.email = email
        self.groupID = groupID
        self.isDisabled = isDisabled
        self.notes = notes
        self.signature = signature
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// "First Last", or the username when both names are empty.
    public var fullName: String {
        let name = [firstName, lastName].filter { !$0.isEmpty }.joined(separator: " ")
        return name.isEmpty ? username : name
    }

    /// "Full Name (username)", as the credentials table shows the owner.
    public var displayName: String { "\(fullName) (\(username))" }
}
