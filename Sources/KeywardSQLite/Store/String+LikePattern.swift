extension String {
    /// A `LIKE` pattern matching any text that contains this string literally: `%`, `_` and the
    /// escape character `\` are escaped, for use with `ESCAPE '\'`.
    var likeContainsPattern: String {
        var pattern = "%"
        pattern.reserveCapacity(utf8.count + 2)
        for character in unicodeScalars {
            if character == "%" || character == "_" || character == "\\" { pattern.unicodeScalars.append("\\") }
            pattern.unicodeScalars.append(character)
        }
        pattern.append("%")
        return pattern
    }
}
