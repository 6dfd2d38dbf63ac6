/// `keyward role …`: API roles, the sets of actions credentials may call.
enum RoleCommands {
    /// The group node.
    static var node: CommandNode<CommandFactory> {
        .group(
            name: "role",
            summary: "Manage API roles: the sets of API actions credentials are allowed.",
            children: [
                .command(RoleCreateCommand.self),
                .command(RoleListCommand.self),
                .command(RoleShowCommand.self),
                .command(RoleUpdateCommand.self),
                .command(RoleRemoveCommand.self),
            ]
        )
    }
}
