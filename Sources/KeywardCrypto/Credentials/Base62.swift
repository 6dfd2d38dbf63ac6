internal import CKeywardSodium

/// The base-62 alphabet of Keyward identifiers and secrets, `0-9A-Za-z` in ASCII order.
enum Base62 {
    /// The digit for a value in `0..<62`.
    @inline(__always)
    static func digit(_ value: UInt8) -> UInt8 {
        switch value {
        case 0..<10: UInt8(ascii: "0") + value
        case 10..<36: UInt8(ascii: "A") + value - 10
        default: UInt8(ascii: "a") + value - 36
        }
    }

    /// Whether `byte` is a base-62 digit (an ASCII letter or digit).
    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10 || (byte | 0x20) &- UInt8(ascii: "a") < 26
    }

    /// Writes `value` as exactly `output.count` base-62 digits, most significant first,
    /// zero-padded. `output` must be long enough (6 digits hold any `UInt32`).
    static func encode(_ value: UInt32, into output: UnsafeMutableRawBufferPointer) {
        var rest = value
        for index in output.indices.reversed() {
            output[index] = digit(UInt8(rest % 62))
            rest /= 62
        }
        precondition(rest == 0, "base-62 output too short for the value")
    }

    /// Fills `output` with uniformly random base-62 digits from libsodium's CSPRNG.
    ///
    /// Random bytes below 248 (4 × 62) map to `byte % 62`, which is uniform; the rest are drawn
    /// again. About 3% of bytes are redrawn, so one 64-byte batch usually covers 60 digits.
    static func fillRandom(_ output: UnsafeMutableRawBufferPointer) {
        Sodium.initialize()
        withUnsafeTemporaryAllocation(byteCount: 64, alignment: 1) { pool in
            defer { sodium_memzero(pool.baseAddress!, pool.count) }
            var filled = 0
            while filled < output.count {
                randombytes_buf(pool.baseAddress!, pool.count)
                for byte in pool where byte < 248 && filled < output.count {
                    output[filled] = digit(byte % 62)
                    filled += 1
                }
            }
        }
    }
}
