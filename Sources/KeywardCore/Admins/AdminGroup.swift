import FoundationEssentials

/// An admin role group: a named set of permissions that admins belong to.
///
/// Keyward ships WHMCS's three built-in groups (``fullAdministratorID`` holds every permission).
/// Built-in groups can be edited but not removed; a group that still has admins cannot be removed.
public struct AdminGroup: Hashable, Sendable, Codable, Identifiable {
    /// The database id; `0` before the group is stored.
    public var id: Int64
    /// The unique display name.
    public var name: String
    /// What the group's admins may do.
    public var permissions: Set<Permission>
    /// Whether Keyward created the group; built-in groups cannot be removed.
    public var isBuiltIn: Bool
    /// When the group was created.
    public var createdAt: Date
    /// When the group last changed.
    public var updatedAt: Date

    /// Creates a group value.
    public init(
        id: Int64 = 0,
        name: String,
        permissions: Set<Permission>,
        isBuiltIn: Bool = false,
        createdAt: Date,
        updatedAt: Date
    ) {
        self.id = id
        self.name = name
        self.permissions = permissions
        self.isBuiltIn = isBuiltIn
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// Whether the group holds a permission.
    public func allows(_ permission: Permission) -> Bool { permissions.contains(permission) }

    /// The id of the built-in "Full Administrator" group, created by the first migration.
    public static let fullAdministratorID: Int64 = 1

    /// The built-in groups as the first migration stores them, in id order.
    public static func builtIn(at time: Date) -> [AdminGroup] {
        [
            AdminGroup(
                id: 1,
                name: "Full Administrator",
                permissions: Set(Permission.all),
                isBuiltIn: true,
                createdAt: time,
                updatedAt: time
            ),
            AdminGroup(
                id: 2,
                name: "Sales Operator",
                permissions: Set(
                    [
                        "Main Homepage", "My Account", "List Clients", "View Clients Summary", "Add New Client",
                        "Edit Clients Details", "View Orders", "Add New Order", "View Invoices", "Manage Invoice",
                        "List Transactions",
                    ].map(Permission.init)
                ),
                isBuiltIn: true,
                createdAt: time,
                updatedAt: time
            ),
            AdminGroup(
                id: 3,
                name: "Support Operator",
                permissions: Set(
                    [
                        "Main Homepage", "My Account", "List Clients", "View Clients Summary",
                        "List Support Tickets", "Open New Ticket",
                    ].map(Permission.init)
                ),
                isBuiltIn: true,
                createdAt: time,
                updatedAt: time
            ),
        ]
    }
}
