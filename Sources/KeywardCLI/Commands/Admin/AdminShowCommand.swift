import KeywardCore

/// `keyward admin show`: one admin's details.
struct AdminShowCommand: KeywardCommand {
    static let signature = CommandSignature(
        name: "show",
        summary: "Show an admin's details.",
        arguments: [CommonOptions.admin]
    )

    let reference: String

    init(arguments: ParsedArguments) throws {
        reference = try arguments.requiredArgument("admin")
    }

    func run(in context: CommandContext) throws {
        let management = try context.management()
        let admin = try management.admin(named: reference)
        let group = try? management.group(id: admin.groupID)
        let credentials = try management.credentialCount(adminID: admin.id)
        if context.json {
            guard case .object(var fields) = JSONValue.admin(admin, group: group) else { return }
            fields["credentials"] = .integer(credentials)
            context.print(json: .object(fields))
            return
        }
        var details = DetailList()
        details.append("ID", String(admin.id))
        details.append("UUID", admin.uuid)
        details.append("Username", admin.username)
        details.append("Name", admin.fullName)
        details.append("Email", Display.orDash(admin.email))
        details.append("Group", group.map { "\($0.name) (id \($0.id))" } ?? "Unknown (id \(admin.groupID))")
        details.append("Status", admin.isDisabled ? "Disabled" : "Active")
        details.append("API credentials", String(credentials))
        details.append("Notes", Display.orDash(admin.notes))
        details.append("Signature", Display.orDash(admin.signature))
        details.append("Created", Display.timestamp(admin.createdAt))
        details.append("Updated", Display.timestamp(admin.updatedAt))
        context.print(details.rendered())
    }
}
