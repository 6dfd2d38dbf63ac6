import KeywardCore

/// `keyward audit`: the activity log, newest first.
struct AuditCommand: KeywardCommand {
    static let signature = CommandSignature(
        name: "audit",
        summary: "Show the activity log, newest first.",
        options: [
            .value("search", "text", help: "Only events whose event, actor, target or IP contain it."),
            .value("limit", "n", help: "Show at most this many events (1 to 10000).", default: "50"),
            .value("offset", "n", help: "Skip this many events first.", default: "0"),
        ]
    )

    let query: AuditQuery

    init(arguments: ParsedArguments) throws {
        query = AuditQuery(
            search: arguments.value("search") ?? "",
            offset: try arguments.integer("offset", in: 0...Int(Int32.max)) ?? 0,
            limit: try arguments.integer("limit", in: 1...10_000) ?? 50
        )
    }

    func run(in context: CommandContext) throws {
        let page = try context.management().auditEvents(matching: query, context: context.audit)
        if context.json {
            context.print(
                json: .object([
                    "events": .array(page.events.map(JSONValue.auditEvent)),
                    "matching": .integer(page.matching),
                ])
            )
            return
        }
        var table = TextTable(headers: ["TIME", "ACTOR", "EVENT", "TARGET", "IP", "DETAILS"])
        for event in page.events {
            let target = [event.targetType, event.targetLabel].filter { !$0.isEmpty }.joined(separator: " ")
            let details = event.details.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            table.append([
                Display.timestamp(event.time), "\(event.actor.kind.rawValue):\(event.actor.label)",
                event.event,
                Display.orDash(target), event.clientIP ?? "-",
                Display.orDash(details.joined(separator: ", ")),
            ])
        }
        context.print(table, empty: "No events match.")
        if !page.events.isEmpty, page.matching > query.offset + page.events.count {
            context.print(
                "Showing \(page.events.count) of \(page.matching) matching events. "
                    + "Next page: --offset \(query.offset + page.events.count)."
            )
        }
    }
}
