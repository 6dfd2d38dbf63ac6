/// One row of a ``PostgresResult``. Column indexes count from 0.
struct PostgresRow {
    /// The result holding the row.
    let result: PostgresResult
    /// The row's index in the result.
    let index: Int32

    /// Whether the column is NULL.
    func isNull(_ column: Int32) -> Bool { result.isNull(index, column) }

    /// An integer column (`bigint`, `integer` or `smallint`); 0 for NULL.
    func int64(_ column: Int32) -> Int64 {
        result.withBytes(index, column) { bytes in
            switch bytes.count {
            case 8: Int64(BigEndian.read(Int64.self, from: bytes))
            case 4: Int64(BigEndian.read(Int32.self, from: bytes))
            case 2: Int64(BigEndian.read(Int16.self, from: bytes))
            default: 0
            }
        }
    }

    /// An integer column, or `nil` when NULL.
    func optionalInt64(_ column: Int32) -> Int64? { isNull(column) ? nil : int64(column) }

    /// A `boolean` column; false for NULL.
    func bool(_ column: Int32) -> Bool {
        result.withBytes(index, column) { $0.first.map { $0 != 0 } ?? false }
    }

    /// A `text` column; empty for NULL.
    func string(_ column: Int32) -> String {
        result.withBytes(index, column) { String(decoding: $0, as: UTF8.self) }
    }

    /// A `text` column, or `nil` when NULL.
    func optionalString(_ column: Int32) -> String? { isNull(column) ? nil : string(column) }

    /// The raw bytes of a column, valid inside `body`.
    func withBytes<T>(_ column: Int32, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        try result.withBytes(index, column, body)
    }
}

extension PostgresRow {
    /// A one-dimensional `bigint[]` (or `integer[]`) column; empty for NULL or an empty array.
    func int64Array(_ column: Int32) -> [Int64] {
        var values: [Int64] = []
        forEachArrayElement(column) { bytes in
            switch bytes.count {
            case 8: values.append(BigEndian.read(Int64.self, from: bytes))
            case 4: values.append(Int64(BigEndian.read(Int32.self, from: bytes)))
            default: break
            }
        }
        return values
    }

    /// A one-dimensional `text[]` column; empty for NULL or an empty array. NULL elements are
    /// skipped.
    func stringArray(_ column: Int32) -> [String] {
        var values: [String] = []
        forEachArrayElement(column) { values.append(String(decoding: $0, as: UTF8.self)) }
        return values
    }

    /// Calls `body` with each non-NULL element of a one-dimensional array in binary format: a
    /// header (dimensions, flags, element type, then length and lower bound per dimension), then
    /// each element as a length (-1 for NULL) and its bytes.
    private func forEachArrayElement(_ column: Int32, _ body: (UnsafeRawBufferPointer) -> Void) {
        withBytes(column) { bytes in
            guard bytes.count >= 12 else { return }
            let dimensions = Int(BigEndian.read(Int32.self, from: bytes))
            guard dimensions == 1, bytes.count >= 20 else { return }
            let count = Int(BigEndian.read(Int32.self, from: UnsafeRawBufferPointer(rebasing: bytes[12...])))
            var offset = 20
            for _ in 0..<count {
                guard offset + 4 <= bytes.count else { return }
                let length = Int(BigEndian.read(Int32.self, from: UnsafeRawBufferPointer(rebasing: bytes[offset...])))
                offset += 4
                guard length >= 0 else { continue }
                guard offset + length <= bytes.count else { return }
                body(UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + length]))
                offset += length
            }
        }
    }
}
