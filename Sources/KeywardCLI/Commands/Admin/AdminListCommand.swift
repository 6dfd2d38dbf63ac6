import KeywardCore

/// `keyward admin list`: every admin.
struct AdminListCommand: KeywardCommand {
    static let signature = CommandSignature(name: "list", summary: "List admins.")

    init(arguments: ParsedArguments) throws {}

    func run(in context: CommandContext) throws {
        let management = try context.management()
        let admins = try management.admins()
        let groups = Dictionary(uniqueKeysWithValues: try management.groups().map { ($0.id, $0) })
        if context.json {
            context.print(json: .object(["admins": .array(admins.map { .admin($0, group: groups[$0.groupID]) })]))
            return
        }
        var table = TextTable(headers: ["ID", "USERNAME", "NAME", "EMAIL", "GROUP", "STATUS"])
        for admin in admins {
            table.append([
                String(admin.id), admin.username, admin.fullName, Display.orDash(admin.email),
                groups[admin.groupID]?.name ?? "-", admin.isDisabled ? "Disabled" : "Active",
            ])
        }
        context.print(table, empty: "No admins yet. Create one with 'keyward admin create'.")
    }
}
