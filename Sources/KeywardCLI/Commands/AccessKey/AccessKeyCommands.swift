/// `keyward access-key …`: the API access key that bypasses the IP allowlist.
enum AccessKeyCommands {
    /// The group node.
    static var node: CommandNode<CommandFactory> {
        .group(
            name: "access-key",
            summary: "Set or remove the API access key, which lets callers bypass the IP allowlist.",
            children: [
                .command(AccessKeySetCommand.self),
                .command(AccessKeyRemoveCommand.self),
            ]
        )
    }
}
