import KeywardCLI

/// In-process standard streams: captures output, feeds standard input and terminal answers.
final class TestIO: CommandIO {
    private(set) var output = ""
    private(set) var error = ""
    /// Lines standard input holds.
    var inputLines: [String]
    /// Answers typed on the "terminal", in order; `nil` means there is no terminal.
    var terminalAnswers: [String]?
    /// Prompts shown on the terminal.
    private(set) var prompts: [String] = []
    var isInputTerminal: Bool
    var isOutputTerminal: Bool

    init(
        input: [String] = [],
        terminal answers: [String]? = nil,
        inputIsTerminal: Bool = false,
        outputIsTerminal: Bool = false
    ) {
        self.inputLines = input
        self.terminalAnswers = answers
        self.isInputTerminal = inputIsTerminal
        self.isOutputTerminal = outputIsTerminal
    }

    func writeOutput(_ text: String) { output += text }
    func writeError(_ text: String) { error += text }

    func readInputLine() -> String? { inputLines.isEmpty ? nil : inputLines.removeFirst() }

    func readSecret(prompt: String) throws -> String? { try answer(prompt) }
    func readAnswer(prompt: String) throws -> String? { try answer(prompt) }

    private func answer(_ prompt: String) throws -> String? {
        guard terminalAnswers != nil else { return nil }
        prompts.append(prompt)
        guard !terminalAnswers!.isEmpty else { throw PromptCancelled() }
        return terminalAnswers!.removeFirst()
    }
}
