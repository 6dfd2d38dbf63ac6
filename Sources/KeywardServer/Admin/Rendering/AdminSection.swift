import KeywardCore

/// A page of the Configuration menu: its title, its place in the menu, the permission it needs
/// and its path.
enum AdminSection: String, Sendable, CaseIterable {
    case credentials, security, administrators, groups, activity

    /// The page title, exactly as the menu shows it.
    var title: String {
        switch self {
        case .credentials: "Manage API Credentials"
        case .security: "Security Settings"
        case .administrators: "Administrators"
        case .groups: "Admin Role Groups"
        case .activity: "Activity Log"
        }
    }

    /// The group of the Configuration menu the page sits in.
    var menuGroup: MenuGroup {
        switch self {
        case .credentials, .security: .systemSettings
        case .administrators, .groups: .staffManagement
        case .activity: .utilities
        }
    }

    /// What an admin's group must hold to see and use the page.
    var permission: Permission {
        switch self {
        case .credentials: .manageAPICredentials
        case .security: .configureSecuritySettings
        case .administrators, .groups: .configureAdministrators
        case .activity: .viewActivityLog
        }
    }

    /// The path below the admin area's root.
    var path: String {
        switch self {
        case .credentials: "/api-credentials"
        case .security: "/security"
        case .administrators: "/admins"
        case .groups: "/admin-groups"
        case .activity: "/activity"
        }
    }

    /// The icon beside the menu entry and on the dashboard.
    var icon: Icon {
        switch self {
        case .credentials: .key
        case .security: .shield
        case .administrators: .user
        case .groups: .users
        case .activity: .list
        }
    }

    /// One sentence for the dashboard.
    var summary: String {
        switch self {
        case .credentials: "Generate, describe and revoke API credentials, and define the API roles they hold."
        case .security: "The API IP allowlist, the API access key, legacy logins, bans and rate limits."
        case .administrators: "Create, edit, disable and remove admin users."
        case .groups: "Define the permissions of each admin role group."
        case .activity: "Every change and sign-in, newest first."
        }
    }

    /// The groups of the Configuration menu, in order.
    enum MenuGroup: String, Sendable, CaseIterable {
        case systemSettings = "System Settings"
        case staffManagement = "Staff Management"
        case utilities = "Utilities"
    }
}
