/// Splits header values of the form `value; name=token; name="quoted \"string\""` (RFC 9110 §5.6.6).
enum HeaderParameters {
    /// One `;`-separated element.
    struct Element: Sendable, Hashable {
        /// The leading value for the first element, else the parameter name; as written.
        var key: String
        /// The parameter value, unquoted and unescaped; empty for the first element.
        var value: String
    }

    /// Splits `value` into its leading value and parameters, trimming spaces; malformed parameters are skipped.
    static func split(_ value: String) -> [Element] {
        let bytes = Array(value.utf8)
        var elements: [Element] = []
        var index = 0
        var isFirst = true
        while index <= bytes.count {
            skipSpaces(bytes, &index)
            // The key, up to `=` or `;`.
            let keyStart = index
            while index < bytes.count, bytes[index] != UInt8(ascii: ";"), isFirst || bytes[index] != UInt8(ascii: "=") {
                index += 1
            }
            var keyEnd = index
            while keyEnd > keyStart, bytes[keyEnd - 1] == UInt8(ascii: " ") || bytes[keyEnd - 1] == 9 { keyEnd -= 1 }
            let key = String(decoding: bytes[keyStart..<keyEnd], as: UTF8.self)
            var parameterValue: [UInt8] = []
            if !isFirst, index < bytes.count, bytes[index] == UInt8(ascii: "=") {
                index += 1
                skipSpaces(bytes, &index)
                if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
                    index += 1
                    while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                        if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count { index += 1 }
                        parameterValue.append(bytes[index])
                        index += 1
                    }
                    index += 1
                    while index < bytes.count, bytes[index] != UInt8(ascii: ";") { index += 1 }
                } else {
                    let valueStart = index
                    while index < bytes.count, bytes[index] != UInt8(ascii: ";") { index += 1 }
                    var valueEnd = index
                    while valueEnd > valueStart, bytes[valueEnd - 1] == UInt8(ascii: " ") || bytes[valueEnd - 1] == 9 {
                        valueEnd -= 1
                    }
                    parameterValue = Array(bytes[valueStart..<valueEnd])
                }
            }
            if isFirst || !key.isEmpty {
                elements.append(Element(key: key, value: String(decoding: parameterValue, as: UTF8.self)))
            }
            isFirst = false
            index += 1
        }
        return elements
    }

    /// Advances past spaces and tabs.
    private static func skipSpaces(_ bytes: [UInt8], _ index: inout Int) {
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == 9 { index += 1 }
    }
}
