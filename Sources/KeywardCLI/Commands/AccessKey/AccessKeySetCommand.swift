import KeywardCore

/// `keyward access-key set`: sets the API access key, read from the terminal or standard input.
struct AccessKeySetCommand: KeywardCommand {
    static let signature = CommandSignature(
        name: "set",
        summary: "Set the API access key (8 to 255 characters).",
        discussion: """
            The key is asked for twice on the terminal, with echo off, or read as one line from \
            standard input with --stdin. It is never taken from the command line, and Keyward \
            stores only a keyed hash of it.
            """,
        options: [.flag("stdin", help: "Read the key as one line from standard input.")]
    )

    let fromStandardInput: Bool

    init(arguments: ParsedArguments) throws {
        fromStandardInput = arguments.flag("stdin")
    }

    func run(in context: CommandContext) throws {
        let management = try context.management()
        let key = try context.readNewSecret("Access key", fromStandardInput: fromStandardInput, stdinOption: "--stdin")
        try management.setAccessKey(key, context: context.audit)
        if context.json {
            context.print(json: .object(["accessKeySet": .bool(true)]))
        } else {
            context.print("Set the API access key. Callers that send it bypass the API IP allowlist.")
        }
    }
}
