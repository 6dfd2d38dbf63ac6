import KeywardCore

/// `keyward admin disable`: a disabled admin cannot sign in and its credentials stop
/// authenticating at once.
struct AdminDisableCommand: KeywardCommand {
    static let signature = CommandSignature(
        name: "disable",
        summary: "Disable an admin; its API credentials stop authenticating.",
        arguments: [CommonOptions.admin]
    )

    let reference: String

    init(arguments: ParsedArguments) throws {
        reference = try arguments.requiredArgument("admin")
    }

    func run(in context: CommandContext) throws {
        try AdminStatusChange.run(reference: reference, disabled: true, in: context)
    }
}

/// The shared work of `admin disable` and `admin enable`.
enum AdminStatusChange {
    static func run(reference: String, disabled: Bool, in context: CommandContext) throws {
        let management = try context.management()
        let admin = try management.admin(named: reference)
        let updated = try management.setDisabled(adminID: admin.id, disabled, context: context.audit)
        let credentials = try management.credentialCount(adminID: admin.id)
        if context.json {
            context.print(
                json: .object([
                    "admin": .admin(updated, group: try? management.group(id: updated.groupID)),
                    "credentials": .integer(credentials),
                ])
            )
            return
        }
        switch (disabled, admin.isDisabled == disabled) {
        case (true, true): context.print("Admin \(admin.username) was already disabled.")
        case (false, true): context.print("Admin \(admin.username) was already enabled.")
        case (true, false):
            context.print(
                "Disabled admin \(admin.username). Its API credentials (\(credentials)) no longer authenticate."
            )
        case (false, false):
            context.print("Enabled admin \(admin.username). Its API credentials (\(credentials)) authenticate again.")
        }
    }
}
