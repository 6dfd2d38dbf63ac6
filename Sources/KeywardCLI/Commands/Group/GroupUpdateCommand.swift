import KeywardCore

/// `keyward group update`: renames a group or changes its permissions.
struct GroupUpdateCommand: KeywardCommand {
    static let signature = CommandSignature(
        name: "update",
        summary: "Rename an admin role group or change its permissions.",
        discussion: "--permission replaces every permission (--permission= removes them all); "
            + "--add-permission and --remove-permission change some. Removing \"API Access\" stops "
            + "the API credentials of the group's admins at once.",
        arguments: [CommonOptions.group],
        options: [
            .value("name", "name", help: "A new name."),
            .list(
                "permission", "permission", help: "The group's permissions, replacing the current ones."),
            .list("add-permission", "permission", help: "A permission to grant."),
            .list("remove-permission", "permission", help: "A permission to take away."),
        ]
    )

    let reference: String
    let name: String?
    let replacement: [String]?
    let additions: [String]
    let removals: [String]

    init(arguments: ParsedArguments) throws {
        reference = try arguments.requiredArgument("group")
        name = arguments.value("name")
        replacement = arguments.has("permission") ? arguments.values("permission") : nil
        additions = arguments.values("add-permission")
        removals = arguments.values("remove-permission")
        if replacement != nil && (arguments.has("add-permission") || arguments.has("remove-permission")) {
            throw UsageError(
                "'--permission' replaces every permission; do not combine it with '--add-permission' "
                    + "or '--remove-permission'")
        }
        guard name != nil || replacement != nil || !additions.isEmpty || !removals.isEmpty else {
            throw UsageError("nothing to change; give at least one option")
        }
    }

    func run(in context: CommandContext) throws {
        let management = try context.management()
        let group = try management.group(named: reference)
        var permissions: Set<Permission>?
        if let replacement {
            permissions = try PermissionNames.resolve(replacement)
        } else if !additions.isEmpty || !removals.isEmpty {
            let added = try PermissionNames.resolve(additions)
            let removed = try PermissionNames.resolve(removals)
            permissions = group.permissions.union(added).subtracting(removed)
        }
        let updated = try management.updateGroup(
            id: group.id,
            name: name,
            permissions: permissions,
            context: context.audit
        )
        if context.json {
            let members = try management.admins().filter { $0.groupID == updated.id }.count
            context.print(json: .group(updated, adminCount: members))
        } else if updated == group {
            context.print("Group \(group.name) already had these values; nothing changed.")
        } else {
            context.print(
                "Updated group \(updated.name) (id \(updated.id)); it grants "
                    + "\(Display.count(updated.permissions.count, "permission"))."
            )
        }
    }
}
