/// `keyward credential …`: API credentials (identifier + secret pairs).
enum CredentialCommands {
    /// The group node.
    static var node: CommandNode<CommandFactory> {
        .group(
            name: "credential",
            summary: "Manage API credentials: identifier and secret pairs that authenticate as an admin.",
            children: [
                .command(CredentialGenerateCommand.self),
                .command(CredentialListCommand.self),
                .command(CredentialShowCommand.self),
                .command(CredentialDescribeCommand.self),
                .command(CredentialSetRolesCommand.self),
                .command(CredentialRemoveCommand.self),
            ]
        )
    }
}
