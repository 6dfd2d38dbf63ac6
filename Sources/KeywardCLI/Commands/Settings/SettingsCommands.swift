/// `keyward settings …`: the API security settings.
enum SettingsCommands {
    /// The group node.
    static var node: CommandNode<CommandFactory> {
        .group(
            name: "settings",
            summary: "Show or change the API security settings.",
            children: [
                .command(SettingsShowCommand.self),
                .command(SettingsSetCommand.self),
            ]
        )
    }
}
