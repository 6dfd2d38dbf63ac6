import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The `keyward` command-line tool: resolves the command line against ``CommandRegistry``, runs
/// the command, and reports errors with the documented exit codes (``ExitCode``).
public enum KeywardTool {
    /// The program name used in messages.
    public static let programName = "keyward"

    /// The command tree with the global options.
    public static var tree: CommandTree<CommandFactory> {
        CommandTree(
            root: CommandRegistry.root,
            globalOptions: GlobalOptions.declarations,
            rootSections: [("ENVIRONMENT:", environmentHelp), ("EXIT STATUS:", exitStatusHelp)]
        )
    }

    /// The environment variables `keyward --help` documents.
    static let environmentHelp: [(String, String)] = [
        ("KEYWARD_DATA_DIR", "The data directory (as --data-dir)."),
        ("KEYWARD_DATABASE_URL", "The database (as --database)."),
        (
            "KEYWARD_SECRET_KEY",
            "The server key as 64 hex characters; overrides <data-dir>/secret.key so that several nodes share one."
        ),
        (
            "KEYWARD_PASSWORD_COST",
            "Argon2id cost of new admin password hashes: interactive (default) or minimal. Minimal is for tests only."
        ),
        ("NO_COLOR", "When set and not empty, never use colour."),
    ]

    /// The exit codes `keyward --help` documents.
    static let exitStatusHelp: [(String, String)] = [
        ("0", "Success."),
        ("1", "The operation failed: not found, conflict, invalid input, or cancelled at a prompt."),
        ("64", "The command line is wrong (EX_USAGE)."),
        ("69", "The database cannot be opened or failed (EX_UNAVAILABLE)."),
        ("70", "Internal error (EX_SOFTWARE)."),
        ("130", "Interrupted with Ctrl-C at a prompt."),
    ]

    /// Runs the process's command line and exits with the command's exit code.
    public static func main() -> Never {
        let code = run(
            arguments: Array(CommandLine.arguments.dropFirst()),
            environment: ProcessInfo.processInfo.environment,
            io: SystemIO()
        )
        exit(code.rawValue)
    }

    /// Runs a command line (without the program name) and returns its exit code. Output goes to
    /// `io`; nothing here exits the process, so tests can call it in-process.
    public static func run(arguments: [String], environment: [String: String], io: any CommandIO) -> ExitCode {
        let tree = self.tree
        let resolution: CommandTree<CommandFactory>.Resolution
        do {
            resolution = try tree.resolve(arguments)
        } catch {
            reportUsage(error.error, path: error.path, node: error.node, tree: tree, io: io)
            return .usage
        }
        switch resolution.action {
        case .help:
            io.writeOutput(tree.help(path: resolution.path, node: resolution.node).trimmingTrailingNewlines() + "\n")
            return .success
        case .run(let factory, let arguments):
            let context = CommandContext(
                globals: GlobalOptions(arguments),
                environment: environment,
                io: io,
                commandName: resolution.path.joined(separator: " ")
            )
            defer { context.close() }
            do {
                try factory.make(arguments).run(in: context)
                return .success
            } catch let error as UsageError {
                reportUsage(error, path: resolution.path, node: resolution.node, tree: tree, io: io)
                return .usage
            } catch {
                let (code, message) = ErrorReport.describe(error)
                io.writeError("\(programName): \(message)\n")
                return code
            }
        }
    }

    /// `keyward: <reason>`, the usage line, and where to find help, on standard error.
    static func reportUsage(
        _ error: UsageError,
        path: [String],
        node: CommandNode<CommandFactory>,
        tree: CommandTree<CommandFactory>,
        io: any CommandIO
    ) {
        let command = path.joined(separator: " ")
        io.writeError(
            "\(programName): \(error.message)\n"
                + "Usage: \(tree.usage(path: path, node: node))\n"
                + "  See '\(command) --help' for more information.\n"
        )
    }
}

extension String {
    /// The string without trailing newlines.
    func trimmingTrailingNewlines() -> String {
        var copy = self
        while copy.last == "\n" { copy.removeLast() }
        return copy
    }
}
