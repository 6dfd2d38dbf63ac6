/// Parses `application/x-www-form-urlencoded` and `multipart/form-data` bodies and query strings, strictly and
/// within limits.
///
/// Strict means: an invalid percent-encoding (`%zz`, a truncated `%4`), text that is not UTF-8, or a NUL
/// character is an error, never silently repaired. Limits bound the work an attacker can cause: the number of
/// parameters (so that 100,000 tiny parameters cannot fill a hash table) and the size of each multipart part's
/// headers. The body size itself is limited by the server before a parser ever sees it.
public struct FormParser: Sendable {
    /// The most parameters (fields, and multipart parts including file parts) in one form; the query and body
    /// share the allowance.
    public var maxParameters: Int
    /// The most bytes in the header block of one multipart part.
    public var maxPartHeaderBytes: Int

    /// Creates a parser.
    ///
    /// - Parameters:
    ///   - maxParameters: The most parameters in one form; 1000 by default, like PHP's `max_input_vars`.
    ///   - maxPartHeaderBytes: The most bytes in the headers of one multipart part; 8 KiB by default.
    public init(maxParameters: Int = 1000, maxPartHeaderBytes: Int = 8 * 1024) {
        self.maxParameters = maxParameters
        self.maxPartHeaderBytes = maxPartHeaderBytes
    }

    /// Parses a URL-encoded form or query string: `&`-separated `name=value` pairs where `+` is a space.
    ///
    /// Empty pairs (`a=1&&b=2`) and pairs with an empty name are skipped; a pair without `=` has an empty value.
    public func parseURLEncoded(_ bytes: [UInt8]) throws(FormError) -> FormData {
        var fields: [FormData.Field] = []
        try bytes.withUnsafeBufferPointer { (buffer) throws(FormError) in
            try appendURLEncoded(buffer, to: &fields, budget: maxParameters)
        }
        return FormData(fields)
    }

    /// Parses a URL-encoded query string; see ``parseURLEncoded(_:)-([UInt8])``.
    public func parseURLEncoded(_ text: String) throws(FormError) -> FormData {
        try parseURLEncoded(Array(text.utf8))
    }

    /// Parses a body according to its `Content-Type`.
    ///
    /// - Parameters:
    ///   - body: The body. An empty body is an empty form whatever the content type.
    ///   - contentType: The `Content-Type` header: `application/x-www-form-urlencoded`, or
    ///     `multipart/form-data` with a `boundary` parameter.
    /// - Throws: ``FormError`` with ``FormError/Code/unsupportedContentType`` for other types.
    public func parseBody(_ body: [UInt8], contentType: String?) throws(FormError) -> FormData {
        var fields: [FormData.Field] = []
        try appendBody(body, contentType: contentType, to: &fields, budget: maxParameters)
        return FormData(fields)
    }

    /// Parses a body for ``parseBody(_:contentType:)``, appending at most `budget` fields.
    func appendBody(
        _ body: [UInt8],
        contentType: String?,
        to fields: inout [FormData.Field],
        budget: Int
    ) throws(FormError) {
        guard !body.isEmpty else { return }
        guard let contentType else { throw FormError(.unsupportedContentType) }
        if FormParser.hasMediaType(contentType, "application/x-www-form-urlencoded") {
            try body.withUnsafeBufferPointer { (buffer) throws(FormError) in
                try appendURLEncoded(buffer, to: &fields, budget: budget)
            }
            return
        }
        let (mediaType, parameters) = FormParser.splitContentType(contentType)
        switch mediaType {
        case "multipart/form-data":
            guard let boundary = parameters["boundary"], FormParser.isValidBoundary(boundary) else {
                throw FormError(.malformedMultipart)
            }
            try body.withUnsafeBufferPointer { (buffer) throws(FormError) in
                try appendMultipart(buffer, boundary: boundary, to: &fields, budget: budget)
            }
        default:
            throw FormError(.unsupportedContentType)
        }
    }

    /// Whether the media type of a `Content-Type` value is `expected` (lower-case), ignoring case and parameters;
    /// a fast path that allocates nothing.
    static func hasMediaType(_ contentType: String, _ expected: StaticString) -> Bool {
        var contentType = contentType
        return contentType.withUTF8 { bytes in
            var index = 0
            while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == 9 { index += 1 }
            let expectedCount = expected.utf8CodeUnitCount
            guard bytes.count - index >= expectedCount else { return false }
            for offset in 0..<expectedCount {
                let byte = bytes[index + offset]
                let lowered = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                guard lowered == expected.utf8Start[offset] else { return false }
            }
            let end = index + expectedCount
            return end == bytes.count || bytes[end] == UInt8(ascii: ";") || bytes[end] == UInt8(ascii: " ")
                || bytes[end] == 9
        }
    }

    /// The lower-cased media type and the parameters (names lower-cased, quoted values unquoted).
    static func splitContentType(_ value: String) -> (mediaType: String, parameters: [String: String]) {
        let parts = HeaderParameters.split(value)
        let mediaType = parts.first?.key.lowercased() ?? ""
        var parameters: [String: String] = [:]
        for part in parts.dropFirst() where parameters[part.key.lowercased()] == nil {
            parameters[part.key.lowercased()] = part.value
        }
        return (mediaType, parameters)
    }

    /// RFC 2046: 1 to 70 characters, not ending in a space.
    static func isValidBoundary(_ boundary: String) -> Bool {
        let count = boundary.utf8.count
        return count >= 1 && count <= 70 && !boundary.hasSuffix(" ")
            && boundary.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }
}
