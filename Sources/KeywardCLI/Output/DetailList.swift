/// Labelled values, one a line, with the values aligned: the human form of `show` commands.
///
/// ```
/// Identifier:   kwid_…
/// Admin:        Alice Smith (alice)
/// ```
public struct DetailList: Sendable {
    /// The label/value pairs, in order.
    public var items: [(label: String, value: String)] = []

    /// Creates an empty list.
    public init() {}

    /// Adds a pair.
    public mutating func append(_ label: String, _ value: String) { items.append((label, value)) }

    /// The lines, each ending in a newline; multi-line values continue under the value column.
    public func rendered() -> String {
        let width = (items.map(\.label.count).max() ?? 0) + 1
        var out = ""
        for (label, value) in items {
            let lines = value.split(separator: "\n", omittingEmptySubsequences: false).map {
                Display.printable(String($0))
            }
            let pad = String(repeating: " ", count: width - label.count + 1)
            out += (label + ":" + pad + (lines.first ?? "")).trimmingTrailingSpaces() + "\n"
            for line in lines.dropFirst() {
                out += (String(repeating: " ", count: width + 2) + line).trimmingTrailingSpaces() + "\n"
            }
        }
        return out
    }
}
