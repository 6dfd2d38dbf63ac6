import KeywardCore

/// `keyward credential list`: the credentials table, searched, sorted and paged by the store.
struct CredentialListCommand: KeywardCommand {
    static let sortColumns: [(name: String, key: CredentialQuery.SortKey)] = [
        ("identifier", .identifier), ("description", .description), ("admin", .admin),
        ("roles", .roles),
        ("created", .created), ("last-access", .lastAccess),
    ]

    static let signature = CommandSignature(
        name: "list",
        summary: "List API credentials (never their secrets).",
        discussion: "Without --sort, the newest credentials come first. With --sort, rows are in "
            + "ascending order unless --desc is given.",
        options: [
            .value(
                "search", "text",
                help: "Only credentials whose identifier, description, admin or roles contain it."),
            .value("admin", "admin", help: "Only this admin's credentials: username or id."),
            .value(
                "sort",
                "column",
                help: "Sort by " + sortColumns.map(\.name).joined(separator: ", ") + "."
            ),
            .flag("desc", help: "Sort in descending order."),
            .value("limit", "n", help: "Show at most this many rows (1 to 10000).", default: "50"),
            .value("offset", "n", help: "Skip this many rows first.", default: "0"),
        ]
    )

    let query: CredentialQuery
    let admin: String?

    init(arguments: ParsedArguments) throws {
        let sortName = try arguments.choice("sort", from: Self.sortColumns.map(\.name))
        let sort = Self.sortColumns.first { $0.name == sortName }?.key
        query = CredentialQuery(
            search: arguments.value("search") ?? "",
            sort: sort ?? .created,
            ascending: sort != nil && !arguments.flag("desc"),
            offset: try arguments.integer("offset", in: 0...Int(Int32.max)) ?? 0,
            limit: try arguments.integer("limit", in: 1...10_000) ?? 50
        )
        admin = arguments.value("admin")
    }

    func run(in context: CommandContext) throws {
        let management = try context.management()
        var query = query
        query.adminID = try admin.map { try management.admin(named: $0).id }
        let page = try management.credentials(matching: query)
        if context.json {
            context.print(
                json: .object([
                    "credentials": .array(page.rows.map(JSONValue.credential)),
                    "matching": .integer(page.matching),
                    "total": .integer(page.total),
                    "offset": .integer(query.offset),
                    "limit": .integer(query.limit),
                ])
            )
            return
        }
        var table = TextTable(headers: [
            "IDENTIFIER", "ADMIN", "DESCRIPTION", "ROLES", "CREATED", "LAST ACCESS",
        ])
        for row in page.rows {
            let credential = row.credential
            table.append([
                credential.identifier, row.adminDisplayName, Display.description(credential.description),
                Display.roles(row.roleNames), Display.timestamp(credential.createdAt),
                Display.lastAccess(credential.lastAccessAt),
            ])
        }
        guard !page.rows.isEmpty else {
            context.print(
                page.total == 0
                    ? "No API credentials yet. Generate one with 'keyward credential generate'."
                    : "No API credentials match (\(page.total) in all)."
            )
            return
        }
        context.print(table.rendered(bold: context.usesColour))
        let first = query.offset + 1
        let last = query.offset + page.rows.count
        var footer = "Showing \(first)-\(last) of \(page.matching) matching (\(page.total) in all)."
        if last < page.matching { footer += " Next page: --offset \(last)." }
        context.print(footer)
    }
}
