/// The process's standard streams and controlling terminal, as commands see them.
///
/// ``SystemIO`` is the real one; tests substitute their own to run commands in-process.
public protocol CommandIO: AnyObject {
    /// Writes to standard output.
    func writeOutput(_ text: String)
    /// Writes to standard error.
    func writeError(_ text: String)
    /// Reads one line from standard input, without its line ending; `nil` at end of input.
    func readInputLine() -> String?
    /// Whether standard input is a terminal (an operator is there to answer).
    var isInputTerminal: Bool { get }
    /// Whether standard output is a terminal (colour may be used).
    var isOutputTerminal: Bool { get }
    /// Asks on the controlling terminal with echo off; `nil` when there is no terminal.
    ///
    /// - Throws: ``PromptCancelled`` when the operator presses Ctrl-C or Ctrl-D.
    func readSecret(prompt: String) throws -> String?
    /// Asks on the controlling terminal with echo on; `nil` when there is no terminal.
    ///
    /// - Throws: ``PromptCancelled`` at end of input.
    func readAnswer(prompt: String) throws -> String?
}

/// The operator cancelled a prompt (Ctrl-C or end of input). Exits with code 130.
public struct PromptCancelled: Error, Sendable {
    /// Creates the error.
    public init() {}
}
