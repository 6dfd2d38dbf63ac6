import FoundationEssentials
import KeywardCore

/// What a running command works with: its global options, the process environment, the standard
/// streams, and the Keyward environment, opened on first use and closed when the command ends.
public final class CommandContext {
    /// `--data-dir`, `--database`, `--json`.
    public let globals: GlobalOptions
    /// The process environment.
    public let environment: [String: String]
    /// The standard streams and terminal.
    public let io: any CommandIO
    /// The command as typed up to its verb, such as `keyward admin create`.
    public let commandName: String
    private var opened: KeywardEnvironment?

    /// Creates a context.
    public init(globals: GlobalOptions, environment: [String: String], io: any CommandIO, commandName: String) {
        self.globals = globals
        self.environment = environment
        self.io = io
        self.commandName = commandName
    }

    // MARK: Keyward

    /// The Keyward environment for `--data-dir` and `--database`, opened on first use.
    public func keyward() throws -> KeywardEnvironment {
        if let opened { return opened }
        let configuration = try KeywardEnvironment.Configuration.resolve(
            dataDirectory: globals.dataDirectory,
            database: globals.database,
            environment: environment
        )
        let environment = try KeywardEnvironment.open(configuration)
        opened = environment
        return environment
    }

    /// The domain service.
    public func management() throws -> Management { try keyward().management }

    /// Closes the store, if it was opened.
    public func close() {
        opened?.close()
        opened = nil
    }

    /// The audit context of the operator at the command line, named by the OS user.
    public var audit: AuditContext { .cli(ProcessInfo.processInfo.userName) }

    // MARK: Output

    /// Whether `--json` was given.
    public var json: Bool { globals.json }

    /// Whether human output may use colour: standard output is a terminal, `NO_COLOR` is unset or
    /// empty, and `TERM` is not `dumb`.
    public var usesColour: Bool {
        io.isOutputTerminal && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
    }

    /// Writes text to standard output, adding a final newline if missing.
    public func print(_ text: String) {
        io.writeOutput(text.hasSuffix("\n") ? text : text + "\n")
    }

    /// Writes a JSON document to standard output.
    public func print(json value: JSONValue) {
        io.writeOutput(value.serialized() + "\n")
    }

    /// Writes a table to standard output, or a line saying there is nothing when it is empty.
    public func print(_ table: TextTable, empty: String) {
        print(table.rows.isEmpty ? empty : table.rendered(bold: usesColour))
    }

    /// Writes a note to standard error.
    public func note(_ text: String) {
        io.writeError(text.hasSuffix("\n") ? text : text + "\n")
    }

    // MARK: Input

    /// Asks the operator to confirm a destructive change, on a terminal only: with `--yes`, or when
    /// standard input is not a terminal (a script), the answer is yes.
    ///
    /// - Throws: ``OperatorDeclined`` when the answer is not yes.
    public func confirm(_ question: String, assumeYes: Bool) throws {
        guard !assumeYes, io.isInputTerminal else { return }
        guard let answer = try io.readAnswer(prompt: "\(question) [y/N] ") else { return }
        guard ["y", "yes"].contains(answer.trimmed.lowercased()) else { throw OperatorDeclined() }
    }

    /// Reads a new secret (a password, an access key) without it ever being in the command line:
    /// one line from standard input when `fromStandardInput` is set and standard input is not a
    /// terminal, otherwise typed twice on the terminal with echo off.
    ///
    /// - Parameters:
    ///   - name: What is asked for, capitalised ("Password").
    ///   - stdinOption: The option that selects standard input, for the error when there is no
    ///     terminal.
    public func readNewSecret(_ name: String, fromStandardInput: Bool, stdinOption: String) throws -> String {
        // Standard input that is a terminal would echo the secret: ask with echo off instead.
        if fromStandardInput && !io.isInputTerminal {
            guard let line = io.readInputLine(), !line.isEmpty else {
                throw KeywardError.invalidInput("No \(name.lowercased()) on standard input")
            }
            return line
        }
        guard let first = try io.readSecret(prompt: "\(name): ") else {
            throw UsageError("no terminal to ask for the \(name.lowercased()); pipe it to '\(stdinOption)'")
        }
        guard let second = try io.readSecret(prompt: "Repeat \(name.lowercased()): ") else {
            throw PromptCancelled()
        }
        guard first == second else {
            throw KeywardError.invalidInput("The \(name.lowercased())s do not match")
        }
        return first
    }
}

/// The operator answered no to a confirmation. Exits with code 1; nothing was changed.
public struct OperatorDeclined: Error, Sendable {
    /// Creates the error.
    public init() {}
}
