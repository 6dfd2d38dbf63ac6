import KeywardCore

/// `keyward role remove`: removes a role and unassigns it from every credential.
struct RoleRemoveCommand: KeywardCommand {
    static let signature = CommandSignature(
        name: "remove",
        summary: "Remove an API role; credentials holding it lose it.",
        discussion: "Re-creating a role of the same name does not give it back to those credentials. "
            + "On a terminal, asks for confirmation first unless --yes is given.",
        arguments: [CommonOptions.role],
        options: [CommonOptions.yes]
    )

    let reference: String
    let assumeYes: Bool

    init(arguments: ParsedArguments) throws {
        reference = try arguments.requiredArgument("role")
        assumeYes = arguments.flag("yes")
    }

    func run(in context: CommandContext) throws {
        let management = try context.management()
        let role = try management.role(named: reference)
        try context.confirm("Remove role \(role.name)?", assumeYes: assumeYes)
        let holders = try management.removeRole(id: role.id, context: context.audit)
        if context.json {
            context.print(
                json: .object([
                    "removed": .object(["id": .integer(role.id), "name": .string(role.name)]),
                    "credentialsUnassigned": .integer(holders),
                ])
            )
        } else {
            context.print(
                "Removed role \(role.name); it was unassigned from \(Display.count(holders, "API credential"))."
            )
        }
    }
}
