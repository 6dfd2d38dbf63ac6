import FoundationEssentials

/// How human output writes values: times in ISO 8601 UTC, and the words WHMCS uses for empty
/// values.
public enum Display {
    /// `2024-05-01T12:34:56Z`: UTC, whole seconds, independent of the machine's time zone and locale.
    public static func timestamp(_ date: Date) -> String { date.formatted(.iso8601) }

    /// The last access time, or "Never".
    public static func lastAccess(_ date: Date?) -> String { date.map(timestamp) ?? "Never" }

    /// Role names joined with commas, or "None".
    public static func roles(_ names: [String]) -> String {
        names.isEmpty ? "None" : names.joined(separator: ", ")
    }

    /// A description, or "None provided".
    public static func description(_ text: String) -> String { text.isEmpty ? "None provided" : text }

    /// A value, or "-" when empty.
    public static func orDash(_ text: String) -> String { text.isEmpty ? "-" : text }

    /// "1 credential", "2 credentials".
    public static func count(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(count) \(count == 1 ? singular : plural ?? singular + "s")"
    }

    /// The text with control characters (terminal escape sequences, newlines) made visible, so a
    /// stored value cannot rewrite the operator's terminal or break a table row.
    public static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            return text
        }
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.properties.generalCategory == .control {
                out +=
                    scalar == "\n"
                    ? "\\n" : scalar == "\t" ? "\\t" : "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
