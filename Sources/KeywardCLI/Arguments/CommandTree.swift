/// A tree of commands plus the global options every command accepts: resolves a command line to
/// the command to run, or to a help request, or to a usage error that knows which command's usage
/// to print.
///
/// Global options may appear anywhere: before the subcommand (`keyward --json admin list`) or
/// after it. A `help` word at the top (`keyward help admin create`) asks for a command's help.
public struct CommandTree<Leaf: Sendable>: Sendable {
    /// The top of the tree; its name is the program name.
    public let root: CommandNode<Leaf>
    /// Options every command accepts, declared once.
    public let globalOptions: [CommandOption]
    /// Extra titled sections of the top-level help, such as `ENVIRONMENT:` and `EXIT STATUS:`, as
    /// rows of a name and one line.
    public let rootSections: [(title: String, rows: [(String, String)])]

    /// Creates a tree.
    public init(
        root: CommandNode<Leaf>,
        globalOptions: [CommandOption],
        rootSections: [(title: String, rows: [(String, String)])] = []
    ) {
        self.root = root
        self.globalOptions = globalOptions
        self.rootSections = rootSections
    }

    /// What a command line asks for.
    public struct Resolution: Sendable {
        /// What to do.
        public enum Action: Sendable {
            /// Run a command with its parsed arguments (global options included).
            case run(Leaf, ParsedArguments)
            /// Print the help of the resolved node.
            case help
        }

        /// The words that select the node, starting with the program name.
        public var path: [String]
        /// The resolved node.
        public var node: CommandNode<Leaf>
        /// What to do.
        public var action: Action
    }

    /// A command line that does not parse, with the node whose usage should be shown.
    public struct Failure: Error, Sendable {
        /// The reason.
        public var error: UsageError
        /// The words that select the node the error belongs to.
        public var path: [String]
        /// That node.
        public var node: CommandNode<Leaf>
    }

    /// Resolves a command line (without the program name).
    public func resolve(_ tokens: [String]) throws(Failure) -> Resolution {
        if tokens.first == "help", root.child(named: "help") == nil {
            return try resolveHelp(Array(tokens.dropFirst()))
        }
        var node = root
        var path = [root.name]
        var rest: [String] = []
        var index = 0
        while index < tokens.count, case .group = node {
            let token = tokens[index]
            index += 1
            if token == "--" {
                rest.append(contentsOf: tokens[(index - 1)...])
                index = tokens.count
            } else if ArgumentParser.isOptionLike(token) {
                rest.append(token)
                if index < tokens.count, takesSeparateValue(token),
                    !ArgumentParser.isOptionLike(tokens[index])
                {
                    rest.append(tokens[index])
                    index += 1
                }
            } else if let child = node.child(named: token) {
                node = child
                path.append(token)
            } else {
                throw Failure(error: unknownCommand(token, in: node), path: path, node: node)
            }
        }
        rest.append(contentsOf: tokens[index...])
        switch node {
        case .group:
            // A group alone shows its help (exit 0), as swift-argument-parser does; anything else
            // left over must still be a valid global option.
            let signature = CommandSignature(name: node.name, summary: node.summary, options: globalOptions)
            do {
                _ = try ArgumentParser.parse(rest, for: signature)
            } catch {
                throw Failure(error: error, path: path, node: node)
            }
            return Resolution(path: path, node: node, action: .help)
        case .command(let signature, let leaf):
            do {
                switch try ArgumentParser.parse(rest, for: withGlobals(signature)) {
                case .help: return Resolution(path: path, node: node, action: .help)
                case .arguments(let parsed):
                    return Resolution(path: path, node: node, action: .run(leaf, parsed))
                }
            } catch {
                throw Failure(error: error, path: path, node: node)
            }
        }
    }

    /// A command's signature with the global options appended, as the parser and help see it.
    public func withGlobals(_ signature: CommandSignature) -> CommandSignature {
        var full = signature
        full.options += globalOptions.filter { global in
            !signature.options.contains { $0.name == global.name }
        }
        return full
    }

    /// The one-line usage of a node: `keyward admin <subcommand>` or the command's full usage.
    public func usage(path: [String], node: CommandNode<Leaf>) -> String {
        let command = path.joined(separator: " ")
        switch node {
        case .group: return "\(command) <subcommand>"
        case .command(let signature, _):
            let tail = signature.usageTail
            return tail.isEmpty ? command : "\(command) \(tail)"
        }
    }

    /// The `--help` text of a node.
    public func help(path: [String], node: CommandNode<Leaf>) -> String {
        var help = HelpText()
        help.paragraph("OVERVIEW: \(node.summary)")
        switch node {
        case .group(_, _, let children):
            help.paragraph("USAGE: \(usage(path: path, node: node))", hangingIndent: 7)
            help.section("SUBCOMMANDS:", children.map { ($0.name, $0.summary) })
            help.section("GLOBAL OPTIONS:", globalRows())
            if path.count == 1 {
                for section in rootSections { help.section(section.title, section.rows) }
            }
            let helpPath = (["help"] + path.dropFirst()).joined(separator: " ")
            help.paragraph("  See '\(path[0]) \(helpPath) <subcommand>' for detailed help.")
        case .command(let signature, _):
            if !signature.discussion.isEmpty { help.paragraph(signature.discussion) }
            help.paragraph("USAGE: \(usage(path: path, node: node))", hangingIndent: 7)
            help.section("ARGUMENTS:", signature.arguments.map { ("<\($0.name)>", $0.help) })
            help.section("OPTIONS:", signature.options.map(Self.row))
            help.section(
                "GLOBAL OPTIONS:",
                globalOptions.filter { signature.option(named: $0.name) == nil }.map(Self.row) + [
                    Self.helpRow
                ]
            )
        }
        return help.text
    }

    private func globalRows() -> [(String, String)] { globalOptions.map(Self.row) + [Self.helpRow] }

    private static var helpRow: (String, String) { ("-h, --help", "Show help information.") }

    private static func row(_ option: CommandOption) -> (String, String) {
        var notes: [String] = []
        if case .list(let commas) = option.kind {
            notes.append(commas ? "repeatable, comma-separated" : "repeatable")
        }
        if let variable = option.environmentVariable { notes.append("env: \(variable)") }
        if let value = option.defaultDescription { notes.append("default: \(value)") }
        let text = notes.isEmpty ? option.help : "\(option.help) (\(notes.joined(separator: "; ")))"
        return (option.helpLabel, text)
    }

    /// Resolves `help <path...>` to the help of the named node.
    private func resolveHelp(_ words: [String]) throws(Failure) -> Resolution {
        var node = root
        var path = [root.name]
        for word in words where !ArgumentParser.isOptionLike(word) {
            guard let child = node.child(named: word) else {
                throw Failure(error: unknownCommand(word, in: node), path: path, node: node)
            }
            node = child
            path.append(word)
        }
        return Resolution(path: path, node: node, action: .help)
    }

    /// Whether a token before the subcommand is a global option whose value is the next token.
    private func takesSeparateValue(_ token: String) -> Bool {
        guard token.hasPrefix("--"), !token.contains("=") else { return false }
        let name = token.dropFirst(2)
        return globalOptions.contains { $0.name == name && $0.takesValue }
    }

    private func unknownCommand(_ word: String, in node: CommandNode<Leaf>) -> UsageError {
        let names = node.children.map(\.name)
        if let suggestion = Suggestion.closest(to: word, in: names) {
            return UsageError("unknown command '\(word)'; did you mean '\(suggestion)'?")
        }
        return UsageError("unknown command '\(word)'")
    }
}
