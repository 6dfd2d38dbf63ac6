import KeywardCore
import KeywardSupport

/// `keyward allowlist remove`: removes an allowlist entry, by id or by its address.
struct AllowlistRemoveCommand: KeywardCommand {
    static let signature = CommandSignature(
        name: "remove",
        summary: "Remove an entry from the API IP allowlist.",
        discussion: "On a terminal, asks for confirmation first unless --yes is given.",
        arguments: [
            CommandArgument("entry", help: "The entry's id, or its address or range as 'allowlist list' shows it.")
        ],
        options: [CommonOptions.yes]
    )

    let reference: String
    let assumeYes: Bool

    init(arguments: ParsedArguments) throws {
        reference = try arguments.requiredArgument("entry")
        assumeYes = arguments.flag("yes")
    }

    func run(in context: CommandContext) throws {
        let management = try context.management()
        let entry = try Self.find(reference, in: management.allowlist())
        try context.confirm("Remove \(entry.network) from the API IP allowlist?", assumeYes: assumeYes)
        try management.removeAllowlistEntry(id: entry.id, context: context.audit)
        if context.json {
            context.print(json: .object(["removed": .allowlistEntry(entry)]))
        } else {
            context.print("Removed \(entry.network) from the API IP allowlist.")
        }
    }

    /// The entry with this id or network, compared in canonical form (`2001:DB8::1` matches
    /// `2001:db8::1/128`, `192.0.2.7` matches `192.0.2.7/32`).
    static func find(_ reference: String, in entries: [AllowlistEntry]) throws -> AllowlistEntry {
        let text = reference.trimmed
        if let id = Int64(text), let entry = entries.first(where: { $0.id == id }) { return entry }
        if let wanted = IPNetwork(text), let entry = entries.first(where: { IPNetwork($0.network) == wanted }) {
            return entry
        }
        throw KeywardError.notFound("Allowlist entry \"\(reference)\" not found")
    }
}
