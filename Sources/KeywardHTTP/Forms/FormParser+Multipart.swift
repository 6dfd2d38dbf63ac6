#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension FormParser {
    /// Parses a `multipart/form-data` body (RFC 7578) whose parts are separated by `boundary`.
    ///
    /// Text fields become form fields. File parts (those with a `filename`) count towards ``maxParameters`` but
    /// are skipped without decoding, so binary uploads cannot fail the form. A preamble before the first boundary
    /// and an epilogue after the last are ignored.
    public func parseMultipart(_ body: [UInt8], boundary: String) throws(FormError) -> FormData {
        guard FormParser.isValidBoundary(boundary) else { throw FormError(.malformedMultipart) }
        var fields: [FormData.Field] = []
        try body.withUnsafeBufferPointer { (buffer) throws(FormError) in
            try appendMultipart(buffer, boundary: boundary, to: &fields, budget: maxParameters)
        }
        return FormData(fields)
    }

    /// Parses a multipart body, appending at most `budget` fields.
    func appendMultipart(
        _ body: UnsafeBufferPointer<UInt8>,
        boundary: String,
        to fields: inout [FormData.Field],
        budget: Int
    ) throws(FormError) {
        // A delimiter is CRLF "--" boundary; the first one may start the body without the CRLF.
        let delimiter: [UInt8] = [13, 10, UInt8(ascii: "-"), UInt8(ascii: "-")] + Array(boundary.utf8)
        var position: Int
        if body.starts(with: delimiter.dropFirst(2)) {
            position = delimiter.count - 2
        } else if let found = FormParser.find(delimiter, in: body, from: 0) {
            position = found + delimiter.count
        } else {
            throw FormError(.truncatedMultipart)
        }
        var parts = 0
        while true {
            // After a delimiter: "--" closes the body, else optional padding and CRLF start a part.
            guard position + 2 <= body.count else { throw FormError(.truncatedMultipart) }
            if body[position] == UInt8(ascii: "-"), body[position + 1] == UInt8(ascii: "-") { return }
            while position < body.count, body[position] == UInt8(ascii: " ") || body[position] == 9 { position += 1 }
            guard position + 2 <= body.count else { throw FormError(.truncatedMultipart) }
            guard body[position] == 13, body[position + 1] == 10 else { throw FormError(.malformedMultipart) }
            position += 2

            parts += 1
            guard parts <= budget else { throw FormError(.tooManyParameters) }

            // The part headers end with an empty line.
            let headerEnd: Int
            let contentStart: Int
            if body.count - position >= 2, body[position] == 13, body[position + 1] == 10 {
                headerEnd = position
                contentStart = position + 2
            } else {
                let searchEnd = min(body.count, position + maxPartHeaderBytes + 4)
                let window = UnsafeBufferPointer(rebasing: body[position..<searchEnd])
                guard let found = FormParser.find([13, 10, 13, 10], in: window, from: 0) else {
                    throw FormError(searchEnd < body.count ? .multipartHeadersTooLarge : .truncatedMultipart)
                }
                headerEnd = position + found
                contentStart = headerEnd + 4
            }
            let disposition = try FormParser.contentDisposition(
                UnsafeBufferPointer(rebasing: body[position..<headerEnd]))

            guard let contentEnd = FormParser.find(delimiter, in: body, from: contentStart - 2) else {
                throw FormError(.truncatedMultipart)
            }
            // The part may be empty, in which case its content ends where its header block's CRLF does.
            let content = UnsafeBufferPointer(rebasing: body[contentStart..<max(contentStart, contentEnd)])
            position = contentEnd + delimiter.count

            guard !disposition.isFile else { continue }
            guard UTF8Validation.isValid(content) else { throw FormError(.invalidUTF8) }
            guard !content.contains(0) else { throw FormError(.nulByte) }
            fields.append(FormData.Field(name: disposition.name, value: String(decoding: content, as: UTF8.self)))
        }
    }

    /// The name of a part and whether it is a file.
    private struct Disposition {
        var name: String
        var isFile: Bool
    }

    /// Reads `Content-Disposition: form-data; name="…"` from a part's header block.
    private static func contentDisposition(_ headers: UnsafeBufferPointer<UInt8>) throws(FormError) -> Disposition {
        guard UTF8Validation.isValid(headers) else { throw FormError(.invalidUTF8) }
        guard !headers.contains(0) else { throw FormError(.nulByte) }
        let text = String(decoding: headers, as: UTF8.self)
        for line in text.split(separator: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { throw FormError(.malformedMultipart) }
            guard HTTPHeaders.namesEqual(String(line[..<colon]), "Content-Disposition") else { continue }
            let elements = HeaderParameters.split(String(line[line.index(after: colon)...]))
            guard elements.first?.key.lowercased() == "form-data",
                let name = elements.dropFirst().first(where: { $0.key.lowercased() == "name" })?.value,
                !name.isEmpty
            else { throw FormError(.malformedMultipart) }
            let isFile = elements.dropFirst().contains { $0.key.lowercased() == "filename" }
            return Disposition(name: name, isFile: isFile)
        }
        throw FormError(.malformedMultipart)
    }

    /// The offset of the first occurrence of `needle` in `haystack` at or after `start`.
    static func find(_ needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = haystack.baseAddress, let first = needle.first, start >= 0 else { return nil }
        let last = haystack.count - needle.count
        var candidate = start
        return needle.withUnsafeBytes { needleBytes -> Int? in
            guard let needleBase = needleBytes.baseAddress else { return nil }
            while candidate <= last {
                // memchr finds the next possible start quickly; memcmp confirms it.
                guard let hit = memchr(base + candidate, Int32(first), last - candidate + 1) else { return nil }
                let offset = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                if memcmp(hit, needleBase, needle.count) == 0 { return offset }
                candidate = offset + 1
            }
            return nil
        }
    }
}
