/// `keyward allowlist …`: the API IP allowlist.
enum AllowlistCommands {
    /// The group node.
    static var node: CommandNode<CommandFactory> {
        .group(
            name: "allowlist",
            summary: "Manage the API IP allowlist: the addresses allowed to call the API.",
            children: [
                .command(AllowlistAddCommand.self),
                .command(AllowlistListCommand.self),
                .command(AllowlistRemoveCommand.self),
            ]
        )
    }
}
