import KeywardCore

/// `keyward admin remove`: removes an admin and every credential it owns.
struct AdminRemoveCommand: KeywardCommand {
    static let signature = CommandSignature(
        name: "remove",
        summary: "Remove an admin and all of its API credentials.",
        discussion: "On a terminal, asks for confirmation first unless --yes is given.",
        arguments: [CommonOptions.admin],
        options: [CommonOptions.yes]
    )

    let reference: String
    let assumeYes: Bool

    init(arguments: ParsedArguments) throws {
        reference = try arguments.requiredArgument("admin")
        assumeYes = arguments.flag("yes")
    }

    func run(in context: CommandContext) throws {
        let management = try context.management()
        let admin = try management.admin(named: reference)
        let credentials = try management.credentialCount(adminID: admin.id)
        try context.confirm(
            "Remove admin \(admin.username) and its \(Display.count(credentials, "API credential"))?",
            assumeYes: assumeYes
        )
        let removed = try management.removeAdmin(id: admin.id, context: context.audit)
        if context.json {
            context.print(
                json: .object([
                    "removed": .object(["id": .integer(admin.id), "username": .string(admin.username)]),
                    "credentialsRemoved": .integer(removed),
                ])
            )
        } else {
            context.print("Removed admin \(admin.username) and \(Display.count(removed, "API credential")).")
        }
    }
}
