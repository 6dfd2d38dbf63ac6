import KeywardCore

/// `keyward actions`: the API action catalog, grouped by category as the role editor shows it.
struct ActionsCommand: KeywardCommand {
    static let signature = CommandSignature(
        name: "actions",
        summary: "List the API actions roles can allow, by category.",
        options: [.value("category", "category", help: "Only this category (case-insensitive).")]
    )

    let category: String?

    init(arguments: ParsedArguments) throws {
        category = arguments.value("category")
    }

    func run(in context: CommandContext) throws {
        var actions = try context.management().actions()
        if let category {
            let categories = Array(Set(actions.map(\.category))).sorted()
            actions = actions.filter { $0.category.lowercased() == category.lowercased() }
            guard !actions.isEmpty else {
                var message = "Unknown action category \"\(category)\""
                if let suggestion = Suggestion.closest(to: category, in: categories) {
                    message += "; did you mean \"\(suggestion)\"?"
                }
                throw KeywardError.notFound(message + " (categories: \(categories.joined(separator: ", ")))")
            }
        }
        if context.json {
            context.print(json: .object(["actions": .array(actions.map(JSONValue.action))]))
            return
        }
        guard !actions.isEmpty else {
            context.print("The action catalog is empty.")
            return
        }
        let width = actions.map(\.name.count).max() ?? 0
        var out = ""
        for category in Self.categories(of: actions) {
            out +=
                (out.isEmpty ? "" : "\n")
                + (context.usesColour ? "\u{1B}[1m\(category)\u{1B}[0m" : category) + "\n"
            for action in actions where action.category == category {
                let pad = String(repeating: " ", count: width - action.name.count + 2)
                out += "  \(action.name)\(pad)\(action.summary)".trimmingTrailingSpaces() + "\n"
            }
        }
        context.print(out)
    }

    /// Categories in catalog order, each once.
    static func categories(of actions: [ActionDescriptor]) -> [String] {
        var seen = Set<String>()
        return actions.map(\.category).filter { seen.insert($0).inserted }
    }
}
