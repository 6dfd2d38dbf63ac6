import KeywardCore

/// What the parser read from a command line, by declared name.
///
/// Accessors take the long option name without dashes (`value("name")`) or the argument's name
/// (`argument("admin")`). Asking for a name the signature does not declare is a programming error
/// and answers as if the option were absent.
public struct ParsedArguments: Sendable, Equatable {
    /// Options given, by long name: flags map to an empty list, values and lists to their values
    /// in command-line order (lists already split at commas).
    var options: [String: [String]]
    /// Positional values, by argument name.
    var positionals: [String: [String]]

    /// Creates parsed arguments; the parser is the usual source.
    public init(options: [String: [String]] = [:], positionals: [String: [String]] = [:]) {
        self.options = options
        self.positionals = positionals
    }

    /// Whether an option was given at all (a flag is set, or a value or list was given, even if
    /// empty).
    public func has(_ name: String) -> Bool { options[name] != nil }

    /// Whether a flag is set.
    public func flag(_ name: String) -> Bool { options[name] != nil }

    /// A single-value option's value.
    public func value(_ name: String) -> String? { options[name]?.last }

    /// A list option's values, in order; empty when absent.
    public func values(_ name: String) -> [String] { options[name] ?? [] }

    /// A single-value option's value, or a usage error naming it when it is absent.
    public func requiredValue(_ name: String) throws(UsageError) -> String {
        guard let value = value(name) else { throw UsageError("missing option '--\(name)'") }
        return value
    }

    /// A positional argument's value.
    public func argument(_ name: String) -> String? { positionals[name]?.first }

    /// A repeating positional argument's values.
    public func arguments(_ name: String) -> [String] { positionals[name] ?? [] }

    /// A positional argument's value, or a usage error naming it when it is absent.
    public func requiredArgument(_ name: String) throws(UsageError) -> String {
        guard let value = argument(name) else { throw UsageError("missing argument '<\(name)>'") }
        return value
    }

    /// An option's value read as a whole number within `range`; `nil` when the option is absent.
    public func integer(_ name: String, in range: ClosedRange<Int>) throws(UsageError) -> Int? {
        guard let text = value(name) else { return nil }
        guard let number = Int(text.trimmed), range.contains(number) else {
            throw UsageError(
                "invalid value '\(text)' for '--\(name)': expected a whole number from "
                    + "\(range.lowerBound) to \(range.upperBound)"
            )
        }
        return number
    }

    /// An option's value read as one of `choices` (case-insensitive); `nil` when absent. A bad
    /// value's error lists the choices and suggests the closest.
    public func choice(_ name: String, from choices: [String]) throws(UsageError) -> String? {
        guard let text = value(name) else { return nil }
        if let match = choices.first(where: { $0.lowercased() == text.lowercased() }) { return match }
        var message =
            "invalid value '\(text)' for '--\(name)'; expected one of: \(choices.joined(separator: ", "))"
        if let suggestion = Suggestion.closest(to: text, in: choices) {
            message =
                "invalid value '\(text)' for '--\(name)'; did you mean '\(suggestion)'? "
                + "(expected one of: \(choices.joined(separator: ", ")))"
        }
        throw UsageError(message)
    }

    /// An on/off option's value: `on`, `yes`, `true`, `1` or `off`, `no`, `false`, `0`.
    public func toggle(_ name: String) throws(UsageError) -> Bool? {
        guard let text = value(name) else { return nil }
        switch text.trimmed.lowercased() {
        case "on", "yes", "true", "1": return true
        case "off", "no", "false", "0": return false
        default: throw UsageError("invalid value '\(text)' for '--\(name)'; expected 'on' or 'off'")
        }
    }
}
