import KeywardCore

/// `keyward role show`: one role with its actions.
struct RoleShowCommand: KeywardCommand {
    static let signature = CommandSignature(
        name: "show",
        summary: "Show an API role and the actions it allows.",
        arguments: [CommonOptions.role]
    )

    let reference: String

    init(arguments: ParsedArguments) throws {
        reference = try arguments.requiredArgument("role")
    }

    func run(in context: CommandContext) throws {
        let management = try context.management()
        let role = try management.role(named: reference)
        let actions = try management.actionNames(of: role)
        if context.json {
            context.print(json: .role(role, actionNames: actions))
            return
        }
        var details = DetailList()
        details.append("ID", String(role.id))
        details.append("Name", role.name)
        details.append("Description", Display.description(role.description))
        details.append("Actions", actions.isEmpty ? "None" : actions.joined(separator: "\n"))
        details.append("Created", Display.timestamp(role.createdAt))
        details.append("Updated", Display.timestamp(role.updatedAt))
        context.print(details.rendered())
    }
}
