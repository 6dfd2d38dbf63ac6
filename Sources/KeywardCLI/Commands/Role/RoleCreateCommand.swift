import KeywardCore

/// `keyward role create`: a new API role.
struct RoleCreateCommand: KeywardCommand {
    static let signature = CommandSignature(
        name: "create",
        summary: "Create an API role.",
        discussion:
            "Action names are matched case-insensitively; see 'keyward actions' for the catalog.",
        options: [
            .value("name", "name", required: true, help: "The role's name (unique)."),
            .value("description", "text", help: "What the role is for."),
            .list("allow", "action", help: "An API action the role allows, such as GetAdminDetails."),
        ]
    )

    let name: String
    let description: String
    let actions: [String]

    init(arguments: ParsedArguments) throws {
        name = try arguments.requiredValue("name")
        description = arguments.value("description") ?? ""
        actions = arguments.values("allow")
    }

    func run(in context: CommandContext) throws {
        let management = try context.management()
        let names = try management.actionNames(actions)
        let role = try management.createRole(
            name: name,
            description: description,
            actions: names,
            context: context.audit
        )
        if context.json {
            context.print(json: .role(role, actionNames: try management.actionNames(of: role)))
        } else {
            context.print(
                "Created role \(role.name) (id \(role.id)) allowing \(Display.count(role.allowedActions.count, "action"))."
            )
        }
    }
}
