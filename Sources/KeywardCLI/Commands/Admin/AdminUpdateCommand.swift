import KeywardCore

/// `keyward admin update`: changes an admin's fields.
struct AdminUpdateCommand: KeywardCommand {
    static let signature = CommandSignature(
        name: "update",
        summary: "Change an admin's username, name, email, group, notes or signature.",
        arguments: [CommonOptions.admin],
        options: [
            .value("username", "username", help: "A new sign-in name."),
            .value("first-name", "name", help: "A new first name."),
            .value("last-name", "name", help: "A new last name."),
            .value("email", "address", help: "A new email address."),
            .value("group", "group", help: "A new admin role group, by name or id."),
            .value("notes", "text", help: "New notes."),
            .value("signature", "text", help: "A new ticket signature."),
        ]
    )

    let reference: String
    let changes: AdminChanges
    let group: String?

    init(arguments: ParsedArguments) throws {
        reference = try arguments.requiredArgument("admin")
        changes = AdminChanges(
            username: arguments.value("username"),
            firstName: arguments.value("first-name"),
            lastName: arguments.value("last-name"),
            email: arguments.value("email"),
            notes: arguments.value("notes"),
            signature: arguments.value("signature")
        )
        group = arguments.value("group")
        guard changes != AdminChanges() || group != nil else {
            throw UsageError("nothing to change; give at least one option")
        }
    }

    func run(in context: CommandContext) throws {
        let management = try context.management()
        let admin = try management.admin(named: reference)
        var changes = changes
        changes.groupID = try group.map { try management.group(named: $0).id }
        let updated = try management.updateAdmin(id: admin.id, changes, context: context.audit)
        if context.json {
            context.print(json: .admin(updated, group: try? management.group(id: updated.groupID)))
        } else if updated == admin {
            context.print("Admin \(admin.username) already had these values; nothing changed.")
        } else {
            context.print("Updated admin \(updated.username) (id \(updated.id)).")
        }
    }
}
