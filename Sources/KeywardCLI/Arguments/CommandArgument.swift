/// A positional argument a command declares, such as `<admin>` in `keyward admin show <admin>`.
public struct CommandArgument: Sendable, Hashable {
    /// The placeholder, without angle brackets.
    public let name: String
    /// One line on what the argument is.
    public let help: String
    /// Whether the command runs without it.
    public let isOptional: Bool
    /// Whether it takes every remaining positional value (only the last argument may).
    public let isRepeating: Bool

    /// Declares a positional argument.
    public init(_ name: String, help: String, optional: Bool = false, repeating: Bool = false) {
        self.name = name
        self.help = help
        self.isOptional = optional
        self.isRepeating = repeating
    }

    /// How the argument appears in a usage line: `<name>`, `[<name>]` or `<name> ...`.
    public var usageForm: String {
        let base = isRepeating ? "<\(name)> ..." : "<\(name)>"
        return isOptional ? "[\(base)]" : base
    }
}
