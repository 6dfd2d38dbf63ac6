/// Every command of the `keyward` tool, in the order `keyward --help` lists them.
///
/// Adding a command is one line here: `.command(ServeCommand.self)` for a top-level command, or a
/// line in its group's children (`AdminCommands.node`).
public enum CommandRegistry {
    /// The top of the command tree.
    public static var root: CommandNode<CommandFactory> {
        .group(
            name: KeywardTool.programName,
            summary: "Manage Keyward's admins, API roles, API credentials and API security settings.",
            children: [
                AdminCommands.node,
                GroupCommands.node,
                RoleCommands.node,
                CredentialCommands.node,
                .command(ActionsCommand.self),
                .command(AuditCommand.self),
                .command(ServeCommand.self),
                .command(BenchSeedCommand.self),
                .command(MigrateDataCommand.self),
                SettingsCommands.node,
                AllowlistCommands.node,
                AccessKeyCommands.node,
            ]
        )
    }
}
