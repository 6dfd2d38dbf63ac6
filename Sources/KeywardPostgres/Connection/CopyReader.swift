/// Parses PostgreSQL's binary COPY format from a byte stream: an 11-byte signature, flags and a
/// header extension, then per row a field count and each field's length (-1 for NULL) and bytes,
/// then a field count of -1.
struct CopyReader {
    private static let signature: [UInt8] = Array("PGCOPY\n".utf8) + [0xff, 0x0d, 0x0a, 0x00]

    private var pending: [UInt8] = []
    private var headerRead = false
    private(set) var isComplete = false
    private var fields: [UnsafeRawBufferPointer?] = []

    mutating func append(_ chunk: UnsafeRawBufferPointer, row: (CopyRow) throws -> Void) throws {
        pending.append(contentsOf: chunk)
        var consumed = 0
        try pending.withUnsafeBytes { bytes in
            var offset = 0
            if !headerRead {
                guard bytes.count >= 19 else { return }
                guard Array(bytes[0..<11]) == Self.signature else { throw Self.malformed }
                let extensionLength = Int(
                    BigEndian.read(Int32.self, from: UnsafeRawBufferPointer(rebasing: bytes[15...])))
                guard bytes.count >= 19 + extensionLength else { return }
                offset = 19 + extensionLength
                headerRead = true
            }
            while offset + 2 <= bytes.count {
                let count = Int(BigEndian.read(Int16.self, from: UnsafeRawBufferPointer(rebasing: bytes[offset...])))
                if count == -1 {
                    isComplete = true
                    offset += 2
                    break
                }
                guard count >= 0 else { throw Self.malformed }
                var cursor = offset + 2
                fields.removeAll(keepingCapacity: true)
                var whole = true
                for _ in 0..<count {
                    guard cursor + 4 <= bytes.count else {
                        whole = false
                        break
                    }
                    let length = Int(
                        BigEndian.read(Int32.self, from: UnsafeRawBufferPointer(rebasing: bytes[cursor...])))
                    cursor += 4
                    if length < 0 {
                        fields.append(nil)
                        continue
                    }
                    guard cursor + length <= bytes.count else {
                        whole = false
                        break
                    }
                    fields.append(UnsafeRawBufferPointer(rebasing: bytes[cursor..<cursor + length]))
                    cursor += length
                }
                guard whole else { break }
                try row(CopyRow(fields: fields))
                offset = cursor
            }
            consumed = offset
        }
        pending.removeFirst(consumed)
        fields.removeAll(keepingCapacity: true)
    }

    private static let malformed = PostgresError(kind: .server, message: "the COPY stream is not in binary format")
}
