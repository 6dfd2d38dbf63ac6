import KeywardCore

/// `keyward admin set-password`: replaces an admin's password; its credentials keep working.
struct AdminSetPasswordCommand: KeywardCommand {
    static let signature = CommandSignature(
        name: "set-password",
        summary: "Set an admin's password (its API credentials keep working).",
        discussion: """
            The new password is asked for twice on the terminal, with echo off, or read as one line \
            from standard input with --password-stdin. It is never taken from the command line.
            """,
        arguments: [CommonOptions.admin],
        options: [.flag("password-stdin", help: "Read the password as one line from standard input.")]
    )

    let reference: String
    let passwordFromStandardInput: Bool

    init(arguments: ParsedArguments) throws {
        reference = try arguments.requiredArgument("admin")
        passwordFromStandardInput = arguments.flag("password-stdin")
    }

    func run(in context: CommandContext) throws {
        let management = try context.management()
        let admin = try management.admin(named: reference)
        let password = try context.readNewSecret(
            "Password",
            fromStandardInput: passwordFromStandardInput,
            stdinOption: "--password-stdin"
        )
        try management.setPassword(adminID: admin.id, password: password, context: context.audit)
        if context.json {
            context.print(json: .object(["admin": .string(admin.username), "passwordChanged": .bool(true)]))
        } else {
            context.print("Changed the password of \(admin.username). Its API credentials are not affected.")
        }
    }
}
