/// A 32-byte hash held inline (four words), so a million in-memory credentials cost no extra
/// allocations.
public struct Digest32: Hashable, Sendable {
    /// The bytes as four little-endian words.
    public var words: (UInt64, UInt64, UInt64, UInt64)

    /// Creates a digest from exactly 32 bytes; `nil` for any other length.
    public init?(_ bytes: some Collection<UInt8>) {
        guard bytes.count == 32 else { return nil }
        var w: [UInt64] = [0, 0, 0, 0]
        for (offset, byte) in bytes.enumerated() {
            w[offset / 8] |= UInt64(byte) << (UInt64(offset % 8) * 8)
        }
        words = (w[0], w[1], w[2], w[3])
    }

    /// Creates a digest from its four words.
    public init(words: (UInt64, UInt64, UInt64, UInt64)) { self.words = words }

    /// All zero: a placeholder that no real keyed hash equals in practice.
    public static let zero = Digest32(words: (0, 0, 0, 0))

    /// The 32 bytes.
    public var bytes: [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(32)
        for word in [words.0, words.1, words.2, words.3] {
            for shift in stride(from: UInt64(0), to: 64, by: 8) { out.append(UInt8(truncatingIfNeeded: word >> shift)) }
        }
        return out
    }

    /// Lower-case hex.
    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Compares in constant time: every word is always read, with no early exit.
    public func constantTimeEquals(_ other: Digest32) -> Bool {
        let diff =
            (words.0 ^ other.words.0) | (words.1 ^ other.words.1) | (words.2 ^ other.words.2)
            | (words.3 ^ other.words.3)
        return diff == 0
    }

    /// Equality in constant time.
    public static func == (lhs: Digest32, rhs: Digest32) -> Bool { lhs.constantTimeEquals(rhs) }

    /// Hashes all four words.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }
}
