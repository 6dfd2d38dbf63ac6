import KeywardCore

/// `keyward allowlist list`: the API IP allowlist.
struct AllowlistListCommand: KeywardCommand {
    static let signature = CommandSignature(name: "list", summary: "List the API IP allowlist.")

    init(arguments: ParsedArguments) throws {}

    func run(in context: CommandContext) throws {
        let entries = try context.management().allowlist()
        if context.json {
            context.print(json: .object(["entries": .array(entries.map(JSONValue.allowlistEntry))]))
            return
        }
        var table = TextTable(headers: ["ID", "NETWORK", "NOTE", "ADDED"])
        for entry in entries {
            table.append([
                String(entry.id), entry.network, Display.orDash(entry.note),
                Display.timestamp(entry.createdAt),
            ])
        }
        context.print(table, empty: "The API IP allowlist is empty: no address may call the API.")
    }
}
