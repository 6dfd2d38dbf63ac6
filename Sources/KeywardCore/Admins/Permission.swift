/// An admin permission, as WHMCS names them ("API Access", "Manage API Credentials").
///
/// Admin role groups hold a set of permissions. Keyward checks ``apiAccess`` before any API
/// credential of the group's admins authenticates, ``manageAPICredentials`` before credentials
/// can be managed, and ``configureAdministrators`` before admins and groups can be managed.
public struct Permission: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The permission's name, exactly as shown to admins.
    public let name: String

    /// Creates a permission from its name.
    public init(_ name: String) { self.name = name }

    /// Using the API at all.
    public static let apiAccess = Permission("API Access")
    /// The Manage API Credentials page and the credential management API actions.
    public static let manageAPICredentials = Permission("Manage API Credentials")
    /// Creating, editing and removing admins and admin role groups.
    public static let configureAdministrators = Permission("Configure Administrators")
    /// Editing the API security settings (IP allowlist, access key, legacy logins, bans).
    public static let configureSecuritySettings = Permission("Configure Security Settings")
    /// Reading the activity log.
    public static let viewActivityLog = Permission("View Activity Log")

    /// Every permission Keyward knows, in display order. WHMCS's own list is longer; these are the
    /// ones that matter to credential management plus the common ones admins expect to see.
    public static let all: [Permission] = [
        Permission("Main Homepage"),
        Permission("My Account"),
        Permission("List Clients"),
        Permission("View Clients Summary"),
        Permission("Add New Client"),
        Permission("Edit Clients Details"),
        Permission("View Orders"),
        Permission("Add New Order"),
        Permission("View Invoices"),
        Permission("Manage Invoice"),
        Permission("List Transactions"),
        Permission("List Support Tickets"),
        Permission("Open New Ticket"),
        Permission("View Reports"),
        viewActivityLog,
        Permission("Configure General Settings"),
        configureAdministrators,
        Permission("Configure Admin Roles"),
        configureSecuritySettings,
        apiAccess,
        manageAPICredentials,
    ]

    /// The name.
    public var description: String { name }

    /// Orders by name.
    public static func < (lhs: Permission, rhs: Permission) -> Bool { lhs.name < rhs.name }

    /// The permission with this name, compared case-insensitively, if Keyward knows it.
    public static func named(_ name: String) -> Permission? {
        let wanted = name.trimmed.lowercased()
        return all.first { $0.name.lowercased() == wanted }
    }
}
