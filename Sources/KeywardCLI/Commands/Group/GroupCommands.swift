/// `keyward group …`: admin role groups and their permissions.
enum GroupCommands {
    /// The group node.
    static var node: CommandNode<CommandFactory> {
        .group(
            name: "group",
            summary: "Manage admin role groups: the permissions admins hold.",
            children: [
                .command(GroupCreateCommand.self),
                .command(GroupListCommand.self),
                .command(GroupShowCommand.self),
                .command(GroupUpdateCommand.self),
                .command(GroupRemoveCommand.self),
                .command(GroupPermissionsCommand.self),
            ]
        )
    }
}
