import KeywardCore

/// `keyward allowlist add`: allows an address or range to call the API.
struct AllowlistAddCommand: KeywardCommand {
    static let signature = CommandSignature(
        name: "add",
        summary: "Allow an IP address or CIDR range to call the API.",
        arguments: [
            CommandArgument("address", help: "An IPv4 or IPv6 address, or a CIDR range such as 192.0.2.0/24.")
        ],
        options: [.value("note", "text", help: "Why the entry exists.")]
    )

    let address: String
    let note: String

    init(arguments: ParsedArguments) throws {
        address = try arguments.requiredArgument("address")
        note = arguments.value("note") ?? ""
    }

    func run(in context: CommandContext) throws {
        let entry = try context.management().addAllowlistEntry(address, note: note, context: context.audit)
        if context.json {
            context.print(json: .allowlistEntry(entry))
        } else {
            context.print("Added \(entry.network) to the API IP allowlist (id \(entry.id)).")
        }
    }
}
