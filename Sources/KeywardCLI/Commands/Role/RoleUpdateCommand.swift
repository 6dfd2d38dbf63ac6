import KeywardCore

/// `keyward role update`: renames a role, changes its description or its actions.
struct RoleUpdateCommand: KeywardCommand {
    static let signature = CommandSignature(
        name: "update",
        summary: "Change an API role's name, description or allowed actions.",
        discussion:
            "--allow replaces every allowed action (--allow= allows nothing); --add and --remove "
            + "change some. Credentials holding the role see the change on their next request.",
        arguments: [CommonOptions.role],
        options: [
            .value("name", "name", help: "A new name."),
            .value("description", "text", help: "A new description (--description= clears it)."),
            .list("allow", "action", help: "The allowed actions, replacing the current ones."),
            .list("add", "action", help: "An action to allow."),
            .list("remove", "action", help: "An action to stop allowing."),
        ]
    )

    let reference: String
    let name: String?
    let description: String?
    let replacement: [String]?
    let additions: [String]
    let removals: [String]

    init(arguments: ParsedArguments) throws {
        reference = try arguments.requiredArgument("role")
        name = arguments.value("name")
        description = arguments.value("description")
        replacement = arguments.has("allow") ? arguments.values("allow") : nil
        additions = arguments.values("add")
        removals = arguments.values("remove")
        if replacement != nil && (arguments.has("add") || arguments.has("remove")) {
            throw UsageError("'--allow' replaces every action; do not combine it with '--add' or '--remove'")
        }
        guard
            name != nil || description != nil || replacement != nil || !additions.isEmpty
                || !removals.isEmpty
        else { throw UsageError("nothing to change; give at least one option") }
    }

    func run(in context: CommandContext) throws {
        let management = try context.management()
        let role = try management.role(named: reference)
        var actions: [String]?
        if let replacement {
            actions = try management.actionNames(replacement)
        } else if !additions.isEmpty || !removals.isEmpty {
            // Removing an action the catalog no longer has is allowed: it cleans up the role.
            let added = Set(try management.actionNames(additions).map { $0.lowercased() })
            let removed = Set(removals.map { $0.trimmed.lowercased() })
            actions = role.allowedActions.union(added).subtracting(removed).sorted()
        }
        let updated = try management.updateRole(
            id: role.id,
            name: name,
            description: description,
            actions: actions,
            context: context.audit
        )
        if context.json {
            context.print(json: .role(updated, actionNames: try management.actionNames(of: updated)))
        } else if updated == role {
            context.print("Role \(role.name) already had these values; nothing changed.")
        } else {
            context.print(
                "Updated role \(updated.name) (id \(updated.id)); it allows "
                    + "\(Display.count(updated.allowedActions.count, "action"))."
            )
        }
    }
}
