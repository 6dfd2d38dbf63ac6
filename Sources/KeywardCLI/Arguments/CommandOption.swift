/// An option a command declares: a flag, an option with one value, or a repeatable list.
///
/// Options are long (`--name value` or `--name=value`) and may have a one-letter short form
/// (`-y`). The parser, the usage line and the `--help` text are all made from these declarations.
public struct CommandOption: Sendable, Hashable {
    /// What an option takes.
    public enum Kind: Sendable, Hashable {
        /// No value: present or not (`--json`).
        case flag
        /// Exactly one value, given at most once (`--name value`).
        case value
        /// Values that accumulate when the option is repeated (`--role A --role B`); with
        /// `commaSeparated`, each value may also be a comma list (`--role A,B`).
        case list(commaSeparated: Bool)
    }

    /// The long name, without the leading dashes.
    public let name: String
    /// The one-letter short form, without the dash.
    public let shortName: Character?
    /// What the option takes.
    public let kind: Kind
    /// The value's placeholder in usage and help, without angle brackets.
    public let valueName: String
    /// One line on what the option does.
    public let help: String
    /// Whether the command cannot run without it.
    public let isRequired: Bool
    /// The environment variable read when the option is absent, shown in help.
    public let environmentVariable: String?
    /// The value used when neither the option nor its environment variable is given, shown in help.
    public let defaultDescription: String?

    /// Declares an option; prefer ``flag(_:short:help:)``, ``value(_:_:required:help:environment:default:)``
    /// and ``list(_:_:commaSeparated:help:)``.
    public init(
        name: String,
        shortName: Character? = nil,
        kind: Kind,
        valueName: String = "value",
        help: String,
        isRequired: Bool = false,
        environmentVariable: String? = nil,
        defaultDescription: String? = nil
    ) {
        self.name = name
        self.shortName = shortName
        self.kind = kind
        self.valueName = valueName
        self.help = help
        self.isRequired = isRequired
        self.environmentVariable = environmentVariable
        self.defaultDescription = defaultDescription
    }

    /// A flag: `--name`, true when present.
    public static func flag(_ name: String, short: Character? = nil, help: String) -> CommandOption {
        CommandOption(name: name, shortName: short, kind: .flag, help: help)
    }

    /// An option with one value: `--name <valueName>`.
    public static func value(
        _ name: String,
        _ valueName: String,
        required: Bool = false,
        help: String,
        environment: String? = nil,
        default defaultDescription: String? = nil
    ) -> CommandOption {
        CommandOption(
            name: name,
            kind: .value,
            valueName: valueName,
            help: help,
            isRequired: required,
            environmentVariable: environment,
            defaultDescription: defaultDescription
        )
    }

    /// A repeatable option: `--name <valueName> ...`, each value optionally a comma list.
    public static func list(
        _ name: String,
        _ valueName: String,
        commaSeparated: Bool = true,
        help: String
    ) -> CommandOption {
        CommandOption(name: name, kind: .list(commaSeparated: commaSeparated), valueName: valueName, help: help)
    }

    /// `--name`.
    public var longForm: String { "--\(name)" }

    /// Whether the option takes a value.
    public var takesValue: Bool { kind != .flag }

    /// How the option appears in a usage line: `--name <value>`, `--json` or `--role <role> ...`.
    public var usageForm: String {
        switch kind {
        case .flag: longForm
        case .value: "\(longForm) <\(valueName)>"
        case .list: "\(longForm) <\(valueName)> ..."
        }
    }

    /// How the option appears in the left column of help: `-y, --yes` or `--name <value>`.
    var helpLabel: String {
        let long = kind == .flag ? longForm : "\(longForm) <\(valueName)>"
        guard let shortName else { return long }
        return "-\(shortName), \(long)"
    }
}
