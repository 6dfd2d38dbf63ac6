import KeywardCore

/// `keyward credential show`: one credential's details (never its secret, which is not stored).
struct CredentialShowCommand: KeywardCommand {
    static let signature = CommandSignature(
        name: "show",
        summary: "Show an API credential's details (never its secret).",
        arguments: [CommonOptions.credential]
    )

    let reference: String

    init(arguments: ParsedArguments) throws {
        reference = try arguments.requiredArgument("credential")
    }

    func run(in context: CommandContext) throws {
        let management = try context.management()
        let listing = try management.listing(for: management.credential(named: reference))
        if context.json {
            context.print(json: .credential(listing))
            return
        }
        let credential = listing.credential
        var details = DetailList()
        details.append("ID", String(credential.id))
        details.append("Identifier", credential.identifier)
        details.append("Admin", listing.adminDisplayName)
        details.append("Description", Display.description(credential.description))
        details.append("Roles", Display.roles(listing.roleNames))
        details.append("Created", Display.timestamp(credential.createdAt))
        details.append("Last access", Display.lastAccess(credential.lastAccessAt))
        if let ip = credential.lastAccessIP { details.append("Last access IP", ip) }
        context.print(details.rendered())
    }
}
