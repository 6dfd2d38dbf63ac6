/// Big-endian integers, as PostgreSQL's binary format writes them.
enum BigEndian {
    /// The bytes of an integer, most significant first.
    static func bytes<T: FixedWidthInteger>(of value: T) -> [UInt8] {
        withUnsafeBytes(of: value.bigEndian) { Array($0) }
    }

    /// Reads an integer of `T`'s width at the start of `bytes`.
    static func read<T: FixedWidthInteger>(_ type: T.Type, from bytes: UnsafeRawBufferPointer) -> T {
        T(bigEndian: bytes.loadUnaligned(as: T.self))
    }
}
