import KeywardCore

/// `keyward group show`: one group with its permissions and admins.
struct GroupShowCommand: KeywardCommand {
    static let signature = CommandSignature(
        name: "show",
        summary: "Show an admin role group's permissions and admins.",
        arguments: [CommonOptions.group]
    )

    let reference: String

    init(arguments: ParsedArguments) throws {
        reference = try arguments.requiredArgument("group")
    }

    func run(in context: CommandContext) throws {
        let management = try context.management()
        let group = try management.group(named: reference)
        let members = try management.admins().filter { $0.groupID == group.id }
        if context.json {
            guard case .object(var fields) = JSONValue.group(group, adminCount: members.count) else {
                return
            }
            fields["adminUsernames"] = .strings(members.map(\.username))
            context.print(json: .object(fields))
            return
        }
        var details = DetailList()
        details.append("ID", String(group.id))
        details.append("Name", group.name)
        details.append("Built-in", group.isBuiltIn ? "Yes" : "No")
        details.append("Admins", members.isEmpty ? "None" : members.map(\.username).joined(separator: ", "))
        let permissions = Permission.all.filter(group.allows)
        details.append("Permissions", permissions.isEmpty ? "None" : permissions.map(\.name).joined(separator: "\n"))
        details.append("Created", Display.timestamp(group.createdAt))
        details.append("Updated", Display.timestamp(group.updatedAt))
        context.print(details.rendered())
    }
}
