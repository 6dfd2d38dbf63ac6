import KeywardCore

/// `keyward group list`: every admin role group.
struct GroupListCommand: KeywardCommand {
    static let signature = CommandSignature(name: "list", summary: "List admin role groups.")

    init(arguments: ParsedArguments) throws {}

    func run(in context: CommandContext) throws {
        let management = try context.management()
        let groups = try management.groups()
        var members: [Int64: Int] = [:]
        for admin in try management.admins() { members[admin.groupID, default: 0] += 1 }
        if context.json {
            context.print(
                json: .object(["groups": .array(groups.map { .group($0, adminCount: members[$0.id] ?? 0) })])
            )
            return
        }
        var table = TextTable(headers: [
            "ID", "NAME", "ADMINS", "PERMISSIONS", "API ACCESS", "BUILT-IN",
        ])
        for group in groups {
            table.append([
                String(group.id), group.name, String(members[group.id] ?? 0),
                String(group.permissions.count),
                group.allows(.apiAccess) ? "Yes" : "No", group.isBuiltIn ? "Yes" : "No",
            ])
        }
        context.print(table, empty: "No admin role groups.")
    }
}
