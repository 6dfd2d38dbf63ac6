import KeywardCore

/// `keyward admin create`: creates an admin with a password typed on the terminal or piped in.
struct AdminCreateCommand: KeywardCommand {
    static let signature = CommandSignature(
        name: "create",
        summary: "Create an admin.",
        discussion: """
            The password is asked for twice on the terminal, with echo off, or read as one line \
            from standard input with --password-stdin. It is never taken from the command line.
            """,
        options: [
            .value("username", "username", required: true, help: "The sign-in name (letters, digits, . _ @ -)."),
            .value("first-name", "name", help: "First name."),
            .value("last-name", "name", help: "Last name."),
            .value("email", "address", help: "Email address."),
            .value(
                "group", "group", help: "The admin role group, by name or id.",
                default: "Full Administrator"),
            .value("notes", "text", help: "Free-form notes."),
            .value("signature", "text", help: "The admin's ticket signature."),
            .flag("password-stdin", help: "Read the password as one line from standard input."),
        ]
    )

    let input: AdminInput
    let group: String?
    let passwordFromStandardInput: Bool

    init(arguments: ParsedArguments) throws {
        input = AdminInput(
            username: try arguments.requiredValue("username"),
            firstName: arguments.value("first-name") ?? "",
            lastName: arguments.value("last-name") ?? "",
            email: arguments.value("email") ?? "",
            notes: arguments.value("notes") ?? "",
            signature: arguments.value("signature") ?? ""
        )
        group = arguments.value("group")
        passwordFromStandardInput = arguments.flag("password-stdin")
    }

    func run(in context: CommandContext) throws {
        let management = try context.management()
        let group =
            try group.map(management.group(named:))
            ?? management.group(id: AdminGroup.fullAdministratorID)
        var input = input
        input.groupID = group.id
        let password = try context.readNewSecret(
            "Password",
            fromStandardInput: passwordFromStandardInput,
            stdinOption: "--password-stdin"
        )
        let admin = try management.createAdmin(input, password: password, context: context.audit)
        if context.json {
            context.print(json: .admin(admin, group: group))
        } else {
            context.print("Created admin \(admin.username) (id \(admin.id)) in group \(group.name).")
        }
    }
}
