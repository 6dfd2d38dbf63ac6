/// The one escaper per output format. Tested against hostile input (quotes, control characters,
/// markup, invalid XML characters).
public enum Escaping {
    private static let hex = Array("0123456789abcdef".utf8)

    /// Appends `text` as a quoted JSON string. Control characters become `\u00XX`; non-ASCII text
    /// stays UTF-8.
    public static func json(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most values need no escaping: copy them in one go.
        if !text.utf8.contains(where: needsJSONEscape) {
            out.append(contentsOf: text.utf8)
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\n"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case UInt8(ascii: "\t"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20, 0x7f:
                out.append(contentsOf: Array(#"\u00"#.utf8))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0f)])
            // `<`, `>` and `&` are escaped so a JSON body can never be sniffed as markup.
            case UInt8(ascii: "<"): out.append(contentsOf: Array(#"\u003c"#.utf8))
            case UInt8(ascii: ">"): out.append(contentsOf: Array(#"\u003e"#.utf8))
            case UInt8(ascii: "&"): out.append(contentsOf: Array(#"\u0026"#.utf8))
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    @inline(__always)
    private static func needsJSONEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x7f || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
            || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "&")
    }

    /// A quoted JSON string.
    public static func json(_ text: String) -> String {
        var out = [UInt8]()
        json(text, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `text` escaped for XML text and attribute values. Characters XML 1.0 forbids
    /// (most C0 controls) become U+FFFD.
    public static func xml(_ text: String, into out: inout [UInt8]) {
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out.append(contentsOf: "&amp;".utf8)
            case "<": out.append(contentsOf: "&lt;".utf8)
            case ">": out.append(contentsOf: "&gt;".utf8)
            case "\"": out.append(contentsOf: "&quot;".utf8)
            case "'": out.append(contentsOf: "&apos;".utf8)
            case "\t", "\n", "\r": out.append(UInt8(scalar.value))
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    out.append(contentsOf: "\u{FFFD}".utf8)
                } else {
                    out.append(contentsOf: String(scalar).utf8)
                }
            }
        }
    }

    /// A valid XML element name for a key: letters, digits, `_`, `-`, `.`; anything else becomes
    /// `_`, and a leading digit gets a `_` prefix.
    public static func xmlName(_ key: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in key.unicodeScalars {
            let ok =
                scalar.isASCII
                && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                    || "_-.".unicodeScalars.contains(scalar))
            scalars.append(ok ? scalar : "_")
        }
        var name = String(scalars)
        if name.isEmpty || name.first!.isNumber || name.first == "-" || name.first == "." { name = "_" + name }
        return name
    }

    /// Appends an NVP value. WHMCS prints values raw; Keyward does too, except that `;` and line
    /// breaks, which would break every NVP parser, are replaced by a space.
    public static func nvp(_ text: String, into out: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: ";"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): out.append(UInt8(ascii: " "))
            default: out.append(byte)
            }
        }
    }

    /// Appends `text` escaped for HTML text and double-quoted attribute values.
    public static func html(_ text: String, into out: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): out.append(contentsOf: "&#39;".utf8)
            default: out.append(byte)
            }
        }
    }

    /// `text` escaped for HTML.
    public static func html(_ text: String) -> String {
        var out = [UInt8]()
        out.reserveCapacity(text.utf8.count)
        html(text, into: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
