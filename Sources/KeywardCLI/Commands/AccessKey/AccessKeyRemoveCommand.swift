import KeywardCore

/// `keyward access-key remove`: removes the API access key.
struct AccessKeyRemoveCommand: KeywardCommand {
    static let signature = CommandSignature(
        name: "remove",
        summary: "Remove the API access key; every caller must then be on the IP allowlist."
    )

    init(arguments: ParsedArguments) throws {}

    func run(in context: CommandContext) throws {
        try context.management().setAccessKey(nil, context: context.audit)
        if context.json {
            context.print(json: .object(["accessKeySet": .bool(false)]))
        } else {
            context.print("Removed the API access key.")
        }
    }
}
