extension String {
    /// A `LIKE` pattern matching any text that contains this string literally, with ASCII letters
    /// lower-cased: `%`, `_` and the escape character `\` are escaped, for use with `ESCAPE '\'`
    /// against `lower(column)` under the "C" collation.
    ///
    /// Lower-casing ASCII only (as `lower()` does under "C") makes the match case-insensitive for
    /// ASCII letters and exact for everything else, which is SQLite's `LIKE`.
    var lowercasedLikeContainsPattern: String {
        var pattern = "%"
        pattern.reserveCapacity(utf8.count + 2)
        for character in unicodeScalars {
            if character == "%" || character == "_" || character == "\\" { pattern.unicodeScalars.append("\\") }
            if ("A"..."Z").contains(character) {
                pattern.unicodeScalars.append(Unicode.Scalar(character.value + 32)!)
            } else {
                pattern.unicodeScalars.append(character)
            }
        }
        pattern.append("%")
        return pattern
    }
}
