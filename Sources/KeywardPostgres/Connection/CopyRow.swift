/// One row of a binary COPY stream: its fields' bytes, valid inside the callback.
struct CopyRow {
    /// Each field's bytes, or `nil` for NULL.
    var fields: [UnsafeRawBufferPointer?]

    /// How many fields the row has.
    var count: Int { fields.count }

    /// A `bigint` field; 0 for NULL.
    func int64(_ index: Int) -> Int64 {
        guard let bytes = fields[index], bytes.count == 8 else { return 0 }
        return BigEndian.read(Int64.self, from: bytes)
    }

    /// A `text` field; empty for NULL.
    func string(_ index: Int) -> String {
        fields[index].map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// A field's raw bytes (empty for NULL), valid inside the callback.
    func bytes(_ index: Int) -> UnsafeRawBufferPointer {
        fields[index] ?? UnsafeRawBufferPointer(start: nil, count: 0)
    }
}
