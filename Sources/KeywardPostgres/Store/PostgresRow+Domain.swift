import FoundationEssentials
import KeywardCore

extension PostgresRow {
    /// A `bigint` column of milliseconds since 1970, as a date.
    func date(_ column: Int32) -> Date { Date(millisecondsSince1970: int64(column)) }

    /// A date column, or `nil` when NULL.
    func optionalDate(_ column: Int32) -> Date? { isNull(column) ? nil : date(column) }

    /// A 32-byte `bytea` column as a digest, read in place.
    ///
    /// - Throws: `storage` when the stored value is not 32 bytes long (the schema's CHECK makes
    ///   that impossible unless the table was changed by hand).
    func digest(_ column: Int32) throws -> Digest32 {
        try withBytes(column) { bytes in
            guard bytes.count == 32 else {
                throw KeywardError(.storage, "A stored hash is \(bytes.count) bytes long, not 32")
            }
            return Digest32(
                words: (
                    UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
                    UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self)),
                    UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 16, as: UInt64.self)),
                    UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
                )
            )
        }
    }
}
