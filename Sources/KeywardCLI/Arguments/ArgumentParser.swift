import KeywardCore

/// Reads a command line against a ``CommandSignature``.
///
/// Accepted forms:
/// - long options with a value as `--name value` or `--name=value` (an `=` form is the way to pass
///   a value that starts with a dash);
/// - flags as `--json`; short forms as `-y` or `-n value`;
/// - repeated list options (`--role A --role B`) and comma lists (`--role A,B`);
/// - positional arguments anywhere between options, and everything after `--` as positional;
/// - `-h` or `--help` anywhere before `--`, which wins over every other error.
///
/// A single-value option given twice is an error rather than "last one wins": on a tool that
/// manages credentials, `--admin alice --admin bob` is more likely a mistake than an override.
public enum ArgumentParser {
    /// The outcome of a successful parse.
    public enum Outcome: Sendable, Equatable {
        /// The command's arguments.
        case arguments(ParsedArguments)
        /// `-h` or `--help` was given.
        case help
    }

    /// The long and short spellings of the help request every command accepts.
    public static let helpNames: Set<String> = ["--help", "-h"]

    /// Parses `tokens` (the words after the command path) against `signature`.
    public static func parse(_ tokens: [String], for signature: CommandSignature) throws(UsageError) -> Outcome {
        if requestsHelp(tokens) { return .help }
        var reader = Reader(signature: signature)
        var index = 0
        var positional: [String] = []
        var terminated = false
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            if terminated || !isOptionLike(token) {
                positional.append(token)
                continue
            }
            if token == "--" {
                terminated = true
                continue
            }
            let (option, inline) = try reader.lookUp(token)
            switch option.kind {
            case .flag:
                if inline != nil { throw UsageError("option '\(option.longForm)' does not take a value") }
                try reader.record(option, value: nil)
            case .value, .list:
                if let inline {
                    try reader.record(option, value: inline)
                } else if index < tokens.count, !isOptionLike(tokens[index]) {
                    try reader.record(option, value: tokens[index])
                    index += 1
                } else {
                    throw UsageError("missing value for option '\(option.usageForm.replacingSuffix(" ..."))'")
                }
            }
        }
        for option in signature.options where option.isRequired && reader.options[option.name] == nil {
            throw UsageError("missing option '\(option.longForm) <\(option.valueName)>'")
        }
        let positionals = try assign(positional, to: signature.arguments)
        return .arguments(ParsedArguments(options: reader.options, positionals: positionals))
    }

    /// Whether the tokens ask for help before any `--`.
    public static func requestsHelp(_ tokens: [String]) -> Bool {
        for token in tokens {
            if token == "--" { return false }
            if helpNames.contains(token) { return true }
        }
        return false
    }

    /// Whether a token is read as an option: it starts with a dash and is neither a lone `-`
    /// (conventionally standard input) nor a negative number.
    static func isOptionLike(_ token: String) -> Bool {
        guard token.hasPrefix("-"), token != "-" else { return false }
        return Double(token) == nil
    }

    /// Hands positional values to the declared arguments in order.
    static func assign(
        _ values: [String],
        to arguments: [CommandArgument]
    ) throws(UsageError) -> [String: [String]] {
        var result: [String: [String]] = [:]
        var remaining = values[...]
        for argument in arguments {
            if argument.isRepeating {
                if remaining.isEmpty && !argument.isOptional {
                    throw UsageError("missing argument '<\(argument.name)>'")
                }
                result[argument.name] = Array(remaining)
                remaining = []
            } else if let value = remaining.popFirst() {
                result[argument.name] = [value]
            } else if !argument.isOptional {
                throw UsageError("missing argument '<\(argument.name)>'")
            }
        }
        if let extra = remaining.first { throw UsageError("unexpected argument '\(extra)'") }
        return result
    }

    /// Option lookup and bookkeeping for one parse.
    struct Reader {
        let signature: CommandSignature
        var options: [String: [String]] = [:]

        init(signature: CommandSignature) {
            self.signature = signature
        }

        /// The option a token names and its inline `=value`, or a usage error with a suggestion.
        func lookUp(_ token: String) throws(UsageError) -> (CommandOption, String?) {
            if token.hasPrefix("--") {
                let body = token.dropFirst(2)
                let name: Substring
                var inline: String?
                if let equals = body.firstIndex(of: "=") {
                    name = body[..<equals]
                    inline = String(body[body.index(after: equals)...])
                } else {
                    name = body
                }
                if let option = signature.options.first(where: { $0.name == name }) {
                    return (option, inline)
                }
                throw unknown("--\(name)")
            }
            let short = token.dropFirst()
            if short.count == 1,
                let option = signature.options.first(where: { $0.shortName == short.first })
            {
                return (option, nil)
            }
            throw unknown(token)
        }

        /// Records one occurrence of an option.
        mutating func record(_ option: CommandOption, value: String?) throws(UsageError) {
            switch option.kind {
            case .flag:
                options[option.name] = []
            case .value:
                guard options[option.name] == nil else {
                    throw UsageError("option '\(option.longForm)' was given more than once")
                }
                options[option.name] = [value ?? ""]
            case .list(let commaSeparated):
                let value = value ?? ""
                let parts =
                    commaSeparated
                    ? value.split(separator: ",").map { $0.trimmed }.filter { !$0.isEmpty }
                    : [value]
                options[option.name, default: []].append(contentsOf: parts)
            }
        }

        /// "unknown option '--dscription'; did you mean '--description'?" (no guess for a
        /// one-letter option: any other letter is one edit away).
        func unknown(_ spelling: String) -> UsageError {
            let candidates = signature.options.map(\.longForm) + ["--help"]
            if spelling.count > 2, let suggestion = Suggestion.closest(to: spelling, in: candidates) {
                return UsageError("unknown option '\(spelling)'; did you mean '\(suggestion)'?")
            }
            return UsageError("unknown option '\(spelling)'")
        }
    }
}

extension String {
    /// The string without `suffix` at its end, if it has it.
    fileprivate func replacingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
