import KeywardCore

/// `keyward group remove`: removes a group no admin belongs to.
struct GroupRemoveCommand: KeywardCommand {
    static let signature = CommandSignature(
        name: "remove",
        summary: "Remove an admin role group that no admin belongs to.",
        discussion:
            "Built-in groups cannot be removed. On a terminal, asks for confirmation first unless "
            + "--yes is given.",
        arguments: [CommonOptions.group],
        options: [CommonOptions.yes]
    )

    let reference: String
    let assumeYes: Bool

    init(arguments: ParsedArguments) throws {
        reference = try arguments.requiredArgument("group")
        assumeYes = arguments.flag("yes")
    }

    func run(in context: CommandContext) throws {
        let management = try context.management()
        let group = try management.group(named: reference)
        try context.confirm("Remove group \(group.name)?", assumeYes: assumeYes)
        try management.removeGroup(id: group.id, context: context.audit)
        if context.json {
            context.print(json: .object(["removed": .object(["id": .integer(group.id), "name": .string(group.name)])]))
        } else {
            context.print("Removed group \(group.name).")
        }
    }
}
