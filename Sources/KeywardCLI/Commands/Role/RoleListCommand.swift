import KeywardCore

/// `keyward role list`: every API role.
struct RoleListCommand: KeywardCommand {
    static let signature = CommandSignature(name: "list", summary: "List API roles.")

    init(arguments: ParsedArguments) throws {}

    func run(in context: CommandContext) throws {
        let management = try context.management()
        let roles = try management.roles()
        if context.json {
            let values = try roles.map {
                JSONValue.role($0, actionNames: try management.actionNames(of: $0))
            }
            context.print(json: .object(["roles": .array(values)]))
            return
        }
        var table = TextTable(headers: ["ID", "NAME", "ACTIONS", "DESCRIPTION"])
        for role in roles {
            table.append([
                String(role.id), role.name, String(role.allowedActions.count),
                Display.description(role.description),
            ])
        }
        context.print(table, empty: "No API roles yet. Create one with 'keyward role create'.")
    }
}
