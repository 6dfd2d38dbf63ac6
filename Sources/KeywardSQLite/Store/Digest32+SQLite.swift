import CKeywardSQLite
import KeywardCore

extension Digest32: SQLiteBindable {
    /// Binds the 32 bytes as a blob without an intermediate array.
    func bind(to statement: SQLiteStatement, at index: Int32) throws {
        var littleEndian = (
            words.0.littleEndian, words.1.littleEndian, words.2.littleEndian, words.3.littleEndian
        )
        try withUnsafeBytes(of: &littleEndian) { try statement.bindBlob($0, at: index) }
    }
}

extension SQLiteStatement {
    /// The column, a 32-byte blob, as a digest, read in place without allocating.
    func digest(at column: Int32) throws -> Digest32 {
        try withBlob(at: column) { bytes in
            guard bytes.count == 32 else {
                throw SQLiteError(
                    extendedCode: SQLITE_CORRUPT,
                    message: "a stored hash is \(bytes.count) bytes long, not 32",
                    sql: sql
                )
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
