import KeywardCore

/// `keyward credential generate`: a new identifier and secret for an admin; the secret is printed
/// this once and never again.
struct CredentialGenerateCommand: KeywardCommand {
    static let signature = CommandSignature(
        name: "generate",
        summary: "Generate an API credential for an admin and print its secret once.",
        discussion:
            "At least one API role must exist. A credential without roles is allowed no action.",
        options: [
            .value(
                "admin", "admin", required: true, help: "The admin it authenticates as: username or id."),
            .value("description", "text", help: "A description for your own reference."),
            .list("role", "role", help: "An API role the credential holds, by name or id."),
        ]
    )

    /// The warning printed with every new secret.
    static let warning =
        "Copy the secret now: it cannot be shown again. Keyward stores only a hash of it. If it is lost, "
        + "generate a new credential and remove this one."

    let admin: String
    let description: String
    let roles: [String]

    init(arguments: ParsedArguments) throws {
        admin = try arguments.requiredValue("admin")
        description = arguments.value("description") ?? ""
        roles = arguments.values("role")
    }

    func run(in context: CommandContext) throws {
        let management = try context.management()
        let owner = try management.admin(named: admin)
        let roles = try management.roles(named: roles)
        let generated = try management.generateCredential(
            adminID: owner.id,
            description: description,
            roleIDs: roles.map(\.id),
            context: context.audit
        )
        let listing = CredentialListing(
            credential: generated.credential,
            adminUsername: owner.username,
            adminFullName: owner.fullName,
            roleNames: roles.map(\.name).sorted()
        )
        if context.json {
            context.print(
                json: .object([
                    "identifier": .string(generated.credential.identifier),
                    "secret": .string(generated.secret),
                    "warning": .string(Self.warning),
                    "credential": .credential(listing),
                ])
            )
            return
        }
        var details = DetailList()
        details.append("Identifier", generated.credential.identifier)
        details.append("Secret", generated.secret)
        context.print(
            "Generated an API credential for \(listing.adminDisplayName).\n\n"
                + details.rendered() + "\n"
                + HelpText.wrap(Self.warning, width: 80).joined(separator: "\n")
        )
    }
}
