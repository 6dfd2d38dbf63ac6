import KeywardCore

/// `keyward credential remove`: revokes a credential.
struct CredentialRemoveCommand: KeywardCommand {
    static let signature = CommandSignature(
        name: "remove",
        summary: "Remove an API credential; requests with it fail from then on.",
        discussion: "On a terminal, asks for confirmation first unless --yes is given.",
        arguments: [CommonOptions.credential],
        options: [CommonOptions.yes]
    )

    let reference: String
    let assumeYes: Bool

    init(arguments: ParsedArguments) throws {
        reference = try arguments.requiredArgument("credential")
        assumeYes = arguments.flag("yes")
    }

    func run(in context: CommandContext) throws {
        let management = try context.management()
        let credential = try management.credential(named: reference)
        try context.confirm("Remove API credential \(credential.identifier)?", assumeYes: assumeYes)
        try management.removeCredential(id: credential.id, context: context.audit)
        if context.json {
            context.print(
                json: .object([
                    "removed": .object([
                        "id": .integer(credential.id), "identifier": .string(credential.identifier),
                    ])
                ])
            )
        } else {
            context.print("Removed API credential \(credential.identifier).")
        }
    }
}
