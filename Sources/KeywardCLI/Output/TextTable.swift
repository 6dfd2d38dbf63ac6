/// A plain-text table with aligned columns, for human output.
///
/// ```
/// ID  USERNAME  NAME
/// 1   alice     Alice Smith
/// ```
public struct TextTable: Sendable {
    /// The column titles.
    public var headers: [String]
    /// The rows; each has one cell per header.
    public var rows: [[String]]

    /// Creates a table.
    public init(headers: [String], rows: [[String]] = []) {
        self.headers = headers
        self.rows = rows
    }

    /// Adds a row.
    public mutating func append(_ row: [String]) {
        precondition(row.count == headers.count, "a row needs one cell per column")
        rows.append(row)
    }

    /// The table as lines ending in newlines: columns separated by two spaces, no trailing spaces,
    /// the header bold when `bold` is set (a terminal that allows colour). Cells are made printable
    /// so stored text cannot inject terminal escapes.
    public func rendered(bold: Bool = false) -> String {
        let cells = rows.map { $0.map(Display.printable) }
        var widths = headers.map(\.count)
        for row in cells {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) }
        }
        func line(_ row: [String]) -> String {
            var text = ""
            for (column, cell) in row.enumerated() {
                text += cell
                if column < row.count - 1 {
                    text += String(repeating: " ", count: widths[column] - cell.count + 2)
                }
            }
            return text.trimmingTrailingSpaces()
        }
        let header = line(headers)
        var out = bold ? "\u{1B}[1m\(header)\u{1B}[0m\n" : header + "\n"
        for row in cells { out += line(row) + "\n" }
        return out
    }
}
