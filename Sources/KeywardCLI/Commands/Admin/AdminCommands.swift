/// `keyward admin …`: staff users who own API credentials.
enum AdminCommands {
    /// The group node.
    static var node: CommandNode<CommandFactory> {
        .group(
            name: "admin",
            summary: "Manage admins: the staff users that API credentials authenticate as.",
            children: [
                .command(AdminCreateCommand.self),
                .command(AdminListCommand.self),
                .command(AdminShowCommand.self),
                .command(AdminUpdateCommand.self),
                .command(AdminSetPasswordCommand.self),
                .command(AdminDisableCommand.self),
                .command(AdminEnableCommand.self),
                .command(AdminRemoveCommand.self),
            ]
        )
    }
}
