/// `keyward admin enable`: re-enables a disabled admin and so its credentials.
struct AdminEnableCommand: KeywardCommand {
    static let signature = CommandSignature(
        name: "enable",
        summary: "Enable a disabled admin; its API credentials authenticate again.",
        arguments: [CommonOptions.admin]
    )

    let reference: String

    init(arguments: ParsedArguments) throws {
        reference = try arguments.requiredArgument("admin")
    }

    func run(in context: CommandContext) throws {
        try AdminStatusChange.run(reference: reference, disabled: false, in: context)
    }
}
