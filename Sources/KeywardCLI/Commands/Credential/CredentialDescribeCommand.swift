import KeywardCore

/// `keyward credential describe`: replaces a credential's description.
struct CredentialDescribeCommand: KeywardCommand {
    static let signature = CommandSignature(
        name: "describe",
        summary: "Change an API credential's description.",
        arguments: [CommonOptions.credential],
        options: [
            .value(
                "description", "text", required: true,
                help: "The new description (--description= clears it).")
        ]
    )

    let reference: String
    let description: String

    init(arguments: ParsedArguments) throws {
        reference = try arguments.requiredArgument("credential")
        description = try arguments.requiredValue("description")
    }

    func run(in context: CommandContext) throws {
        let management = try context.management()
        let credential = try management.credential(named: reference)
        let updated = try management.describeCredential(
            id: credential.id,
            description: description,
            context: context.audit
        )
        if context.json {
            context.print(json: .credential(try management.listing(for: updated)))
        } else {
            context.print(
                "Description of \(updated.identifier) set to: \(Display.printable(Display.description(updated.description)))"
            )
        }
    }
}
