import KeywardCore

/// `keyward group permissions`: the permission names groups can grant.
struct GroupPermissionsCommand: KeywardCommand {
    static let signature = CommandSignature(
        name: "permissions",
        summary: "List the permission names a group can grant."
    )

    init(arguments: ParsedArguments) throws {}

    func run(in context: CommandContext) throws {
        if context.json {
            context.print(json: .object(["permissions": .strings(Permission.all.map(\.name))]))
        } else {
            context.print(Permission.all.map(\.name).joined(separator: "\n"))
        }
    }
}
