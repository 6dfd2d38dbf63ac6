import KeywardCore

/// `keyward group create`: a new admin role group.
struct GroupCreateCommand: KeywardCommand {
    static let signature = CommandSignature(
        name: "create",
        summary: "Create an admin role group.",
        discussion: "Admins need \"API Access\" for their API credentials to authenticate. "
            + "See 'keyward group permissions' for every permission name.",
        options: [
            .value("name", "name", required: true, help: "The group's name."),
            .list(
                "permission", "permission", help: "A permission the group grants, such as \"API Access\"."),
        ]
    )

    let name: String
    let permissions: [String]

    init(arguments: ParsedArguments) throws {
        name = try arguments.requiredValue("name")
        permissions = arguments.values("permission")
    }

    func run(in context: CommandContext) throws {
        let permissions = try PermissionNames.resolve(self.permissions)
        let group = try context.management().createGroup(name: name, permissions: permissions, context: context.audit)
        if context.json {
            context.print(json: .group(group, adminCount: 0))
        } else {
            context.print(
                "Created group \(group.name) (id \(group.id)) with \(Display.count(group.permissions.count, "permission"))."
            )
        }
    }
}
