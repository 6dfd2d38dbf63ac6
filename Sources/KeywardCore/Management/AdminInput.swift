/// The fields of a new admin.
public struct AdminInput: Sendable, Hashable {
    /// The sign-in name.
    public var username: String
    /// First name.
    public var firstName: String
    /// Last name.
    public var lastName: String
    /// Email address.
    public var email: String
    /// The admin role group.
    public var groupID: Int64
    /// Free-form notes.
    public var notes: String
    /// Ticket signature.
    public var signature: String

    /// Creates the fields of a new admin.
    public init(
        username: String,
        firstName: String,
        lastName: String,
        email: String,
        groupID: Int64 = AdminGroup.fullAdministratorID,
        notes: String = "",
        signature: String = ""
    ) {
        self.username = username
        self.firstName = firstName
        self.lastName = lastName
        self.email = email
        self.groupID = groupID
        self.notes = notes
        self.signature = signature
    }
}

/// Changes to an admin; `nil` fields stay as they are.
public struct AdminChanges: Sendable, Hashable {
    /// A new username.
    public var username: String?
    /// A new first name.
    public var firstName: String?
    /// A new last name.
    public var lastName: String?
    /// A new email address.
    public var email: String?
    /// A new admin role group.
    public var groupID: Int64?
    /// New notes.
    public var notes: String?
    /// A new signature.
    public var signature: String?

    /// Creates a set of changes.
    public init(
        username: String? = nil,
        firstName: String? = nil,
        lastName: String? = nil,
        email: String? = nil,
        groupID: Int64? = nil,
        notes: String? = nil,
        signature: String? = nil
    ) {
        self.username = username
        self.firstName = firstName
        self.lastName = lastName
        self.email = email
        self.groupID = groupID
        self.notes = notes
        self.signature = signature
    }
}
