/// Input rules shared by every way in (CLI, admin area, API actions).
enum Validation {
    /// Usernames: 1–64 characters of letters, digits and `._@-`.
    static func username(_ raw: String) throws -> String {
        let value = raw.trimmed
        guard !value.isEmpty else { throw KeywardError.invalidInput("The username is required") }
        guard value.count <= 64 else { throw KeywardError.invalidInput("The username is longer than 64 characters") }
        let allowed = value.unicodeScalars.allSatisfy {
            ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)))
                || "._@-".unicodeScalars.contains($0)
        }
        guard allowed else {
            throw KeywardError.invalidInput("The username may contain only letters, digits and . _ @ -")
        }
        return value
    }

    /// A required single-line name, trimmed, at most `limit` characters, no control characters.
    static func name(_ raw: String, field: String, limit: Int = 100, required: Bool = true) throws -> String {
        let value = try text(raw, field: field, limit: limit, multiline: false)
        if required && value.isEmpty { throw KeywardError.invalidInput("The \(field) is required") }
        return value
    }

    /// Free text: trimmed, at most `limit` characters, no control characters but (when
    /// `multiline`) newlines and tabs.
    static func text(_ raw: String, field: String, limit: Int, multiline: Bool = true) throws -> String {
        let value = raw.trimmed
        guard value.count <= limit else {
            throw KeywardError.invalidInput("The \(field) is longer than \(limit) characters")
        }
        let bad = value.unicodeScalars.contains {
            $0.properties.generalCategory == .control && !(multiline && ($0 == "\n" || $0 == "\t" || $0 == "\r"))
        }
        guard !bad else { throw KeywardError.invalidInput("The \(field) contains control characters") }
        return value
    }

    /// An email address: one `@` with text on both sides and a dot in the domain, or empty when
    /// not required.
    static func email(_ raw: String, required: Bool = true) throws -> String {
        let value = raw.trimmed
        if value.isEmpty && !required { return value }
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !parts[1].hasSuffix("."), !value.contains(where: \.isWhitespace), value.count <= 254
        else { throw KeywardError.invalidInput("The email address is not valid") }
        return value
    }

    /// A new password typed by a person: at least 8 characters, at most 1,024.
    static func password(_ value: String) throws {
        guard value.count >= 8 else { throw KeywardError.invalidInput("The password must be at least 8 characters") }
        guard value.utf8.count <= 1024 else { throw KeywardError.invalidInput("The password is too long") }
    }
}
