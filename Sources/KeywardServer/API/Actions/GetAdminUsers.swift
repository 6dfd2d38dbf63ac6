import KeywardCore

/// `GetAdminUsers`: the admins, filtered by role group and email, in WHMCS's shape.
public struct GetAdminUsers: APIAction {
    /// Creates the action.
    public init() {}
    /// The canonical name.
    public var name: String { "GetAdminUsers" }
    /// The role editor's category.
    public var category: String { "Users" }
    /// What the action does.
    public var summary: String { "Retrieve a list of administrator user accounts" }
    /// The filters it reads.
    public var parameters: [ActionParameter] {
        [
            ActionParameter("roleid", "Only admins in this admin role group"),
            ActionParameter("email", "Only admins whose email address contains this text"),
            ActionParameter("include_disabled", "Also list disabled admins"),
        ]
    }

    /// Answers `count` and `admin_users`, ordered by first then last name.
    public func run(_ call: APICall) -> APIResult {
        var admins = call.index.admins()
        switch call.parameters.integer("roleid") {
        case .some(.some(let roleID)): admins = admins.filter { $0.groupID == roleID }
        case .some(.none): return .error("Invalid Role ID")
        case .none: break
        }
        if let email = call.parameters["email"]?.lowercased() {
            admins = admins.filter { $0.email.lowercased().contains(email) }
        }
        if !call.parameters.flag("include_disabled") { admins = admins.filter { !$0.isDisabled } }
        admins.sort { ($0.firstName, $0.lastName, $0.id) < ($1.firstName, $1.lastName, $1.id) }
        let users: [APIValue] = admins.map { admin in
            .object([
                ("id", .int(admin.id)),
                ("uuid", .string(admin.uuid)),
                ("roleId", .int(admin.groupID)),
                ("username", .string(admin.username)),
                ("twoFactorAuthModule", .string("")),
                ("firstname", .string(admin.firstName)),
                ("lastname", .string(admin.lastName)),
                ("email", .string(admin.email)),
                ("signature", .string(admin.signature)),
                ("notes", .string(admin.notes)),
                ("template", .string("blend")),
                ("language", .string("english")),
                ("isDisabled", .bool(admin.isDisabled)),
                ("loginAttempts", .int(0)),
                ("supportDepartmentIds", .list(element: "id", [])),
                ("receivesTicketNotifications", .list(element: "id", [])),
                ("homeWidgets", .string("")),
                ("hiddenWidgets", .list(element: "widget", [])),
                ("widgetOrder", .list(element: "widget", [])),
                ("userPreferences", .list(element: "preference", [])),
                ("fullName", .string(admin.fullName)),
                ("gravatarPath", .string("")),
                ("created_at", .string(TimeFormat.dateTime(admin.createdAt))),
                ("updated_at", .string(TimeFormat.dateTime(admin.updatedAt))),
            ])
        }
        return .success([
            ("count", .int(Int64(users.count))),
            ("admin_users", .list(element: "admin_user", users)),
        ])
    }
}
