/// A command's declared interface: its name, its one-line summary, its positional arguments and
/// its options. The parser accepts exactly what is declared here, and `--help` is generated
/// from it.
public struct CommandSignature: Sendable {
    /// The verb, such as `generate`.
    public var name: String
    /// One line on what the command does, shown in the parent's command list and as the overview.
    public var summary: String
    /// More text for `--help`, shown under the overview; empty for none.
    public var discussion: String
    /// The positional arguments, in order.
    public var arguments: [CommandArgument]
    /// The command's own options (the global ones are added by the command tree).
    public var options: [CommandOption]

    /// Declares a command.
    public init(
        name: String,
        summary: String,
        discussion: String = "",
        arguments: [CommandArgument] = [],
        options: [CommandOption] = []
    ) {
        self.name = name
        self.summary = summary
        self.discussion = discussion
        self.arguments = arguments
        self.options = options
    }

    /// The option with this long name.
    public func option(named name: String) -> CommandOption? { options.first { $0.name == name } }

    /// The usage line's words after the command path: arguments, then required options, then the
    /// optional ones in brackets.
    public var usageTail: String {
        var parts = arguments.map(\.usageForm)
        for option in options where option.isRequired { parts.append(option.usageForm) }
        for option in options where !option.isRequired { parts.append("[\(option.usageForm)]") }
        return parts.joined(separator: " ")
    }
}
