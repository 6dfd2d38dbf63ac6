/// A command of the `keyward` tool: declares its interface, reads its parsed arguments, runs.
///
/// Adding a command is one file with a type like this and one line in ``CommandRegistry``:
///
/// ```swift
/// struct RoleShowCommand: KeywardCommand {
///     static let signature = CommandSignature(
///         name: "show", summary: "Show an API role.",
///         arguments: [CommandArgument("role", help: "The role's name or id.")])
///     let reference: String
///     init(arguments: ParsedArguments) throws { reference = try arguments.requiredArgument("role") }
///     func run(in context: CommandContext) throws { … }
/// }
/// ```
public protocol KeywardCommand: SendableMetatype {
    /// The command's name, summary, arguments and options (global options are added for it).
    static var signature: CommandSignature { get }

    /// Reads parsed arguments. Throw ``UsageError`` for combinations the parser cannot check
    /// (conflicting options, a bad value).
    init(arguments: ParsedArguments) throws

    /// Runs the command. Throw `KeywardError` for domain failures and ``UsageError`` for usage
    /// problems found late; write output through `context`.
    func run(in context: CommandContext) throws
}

/// What the command tree holds for a command: how to build it from parsed arguments.
public struct CommandFactory: Sendable {
    /// Builds the command.
    public let make: @Sendable (ParsedArguments) throws -> any KeywardCommand

    /// Creates a factory for a command type.
    public init<Command: KeywardCommand>(_ type: Command.Type) {
        make = { try Command(arguments: $0) }
    }
}

extension CommandNode where Leaf == CommandFactory {
    /// A command node for a command type: `.command(AdminCreateCommand.self)`.
    public static func command<Command: KeywardCommand>(_ type: Command.Type) -> CommandNode {
        .command(Command.signature, CommandFactory(type))
    }
}
