import KeywardCore

/// `keyward credential set-roles`: replaces a credential's API roles.
struct CredentialSetRolesCommand: KeywardCommand {
    static let signature = CommandSignature(
        name: "set-roles",
        summary: "Replace an API credential's roles.",
        discussion: "Give every role the credential should hold; --none removes them all, leaving a "
            + "credential that is allowed no action.",
        arguments: [CommonOptions.credential],
        options: [
            .list("role", "role", help: "A role the credential holds, by name or id."),
            .flag("none", help: "Remove every role."),
        ]
    )

    let reference: String
    let roles: [String]

    init(arguments: ParsedArguments) throws {
        reference = try arguments.requiredArgument("credential")
        roles = arguments.values("role")
        switch (arguments.has("role"), arguments.flag("none")) {
        case (true, true): throw UsageError("give '--role' or '--none', not both")
        case (false, false):
            throw UsageError("give '--role' at least once, or '--none' to remove every role")
        default: break
        }
    }

    func run(in context: CommandContext) throws {
        let management = try context.management()
        let credential = try management.credential(named: reference)
        let roles = try management.roles(named: roles)
        let updated = try management.setCredentialRoles(
            id: credential.id,
            roleIDs: roles.map(\.id),
            context: context.audit
        )
        let listing = try management.listing(for: updated)
        if context.json {
            context.print(json: .credential(listing))
        } else {
            context.print("Roles of \(updated.identifier): \(Display.roles(listing.roleNames)).")
        }
    }
}
