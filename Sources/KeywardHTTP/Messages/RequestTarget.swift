/// The request target of an origin-form request line (`/path?query`), split and decoded.
struct RequestTarget: Sendable, Hashable {
    /// The path as sent, still percent-encoded.
    let rawPath: String
    /// The query after `?`, as sent; empty when there is none.
    let query: String
    /// The percent-decoded path.
    let path: String

    /// Splits and validates a target.
    ///
    /// Returns `nil` unless the target starts with `/` and its path decodes to UTF-8 without NUL, without an
    /// encoded `/`, and without `.` or `..` segments, so that no later path handling can be walked out of a
    /// directory. Absolute-form (`http://host/path`) and asterisk-form (`*`) targets are rejected.
    init?(_ target: String) {
        guard target.utf8.first == UInt8(ascii: "/") else { return nil }
        let rawPath: String
        if let questionMark = target.utf8.firstIndex(of: UInt8(ascii: "?")) {
            rawPath = String(target[..<questionMark])
            query = String(target[target.utf8.index(after: questionMark)...])
        } else {
            rawPath = target
            query = ""
        }
        var path = rawPath
        if rawPath.utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == 0 }) {
            var encoded = rawPath
            let decoded = encoded.withUTF8 { bytes in
                try? PercentDecoding.decode(bytes, plusAsSpace: false, rejectEncodedSlash: true)
            }
            guard let decoded else { return nil }
            path = decoded
        }
        guard RequestTarget.hasNoDotSegments(path) else { return nil }
        self.rawPath = rawPath
        self.path = path
    }

    /// Whether no segment of a `/`-separated path is `.` or `..`.
    static func hasNoDotSegments(_ path: String) -> Bool {
        // The length of the current segment if it consists of dots only, or -1.
        var dots = 0
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "/"):
                if dots == 1 || dots == 2 { return false }
                dots = 0
            case UInt8(ascii: "."):
                if dots >= 0 { dots += 1 }
            default:
                dots = -1
            }
        }
        return dots != 1 && dots != 2
    }
}
