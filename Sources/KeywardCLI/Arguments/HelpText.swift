/// Builds `--help` text: paragraphs and two-column sections, wrapped to 80 columns.
struct HelpText {
    /// The width help is wrapped to.
    static let width = 80
    /// Where the right column of a section starts.
    static let column = 26

    private(set) var text = ""

    /// Appends a paragraph, wrapped, followed by a blank line.
    mutating func paragraph(_ body: String) {
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
            let indent = String(line.prefix { $0 == " " })
            for wrapped in Self.wrap(String(line.dropFirst(indent.count)), width: Self.width - indent.count) {
                text += indent + wrapped + "\n"
            }
        }
        text += "\n"
    }

    /// Appends a paragraph whose continuation lines are indented by `hangingIndent`, followed by a
    /// blank line: `USAGE:` lines.
    mutating func paragraph(_ body: String, hangingIndent: Int) {
        let first = Self.wrap(body, width: Self.width).first ?? ""
        let rest = Self.wrap(String(body.dropFirst(first.count)), width: Self.width - hangingIndent)
        text += first + "\n"
        for line in rest where !line.isEmpty {
            text += String(repeating: " ", count: hangingIndent) + line + "\n"
        }
        text += "\n"
    }

    /// Appends a titled section of rows, the right column aligned and wrapped; nothing when there
    /// are no rows.
    mutating func section(_ title: String, _ rows: [(String, String)]) {
        guard !rows.isEmpty else { return }
        text += title + "\n"
        let width = Self.width - Self.column
        for (label, body) in rows {
            let lines = Self.wrap(body, width: width)
            let left = "  " + label
            if left.count <= Self.column - 2 {
                let first =
                    left + String(repeating: " ", count: Self.column - left.count) + (lines.first ?? "")
                text += first.trimmingTrailingSpaces() + "\n"
                for line in lines.dropFirst() {
                    text += String(repeating: " ", count: Self.column) + line + "\n"
                }
            } else {
                text += left + "\n"
                for line in lines { text += String(repeating: " ", count: Self.column) + line + "\n" }
            }
        }
        text += "\n"
    }

    /// Splits text into lines of at most `width` characters at spaces (a longer word gets a line of
    /// its own).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }
}

extension String {
    /// The string without trailing spaces.
    func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
