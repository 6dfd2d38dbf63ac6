internal import CKeywardSodium

/// Hex encoding of key material through libsodium's constant-time routines.
enum Hex {
    /// Decodes `digits` (upper or lower case, nothing else) into exactly `output.count` bytes.
    ///
    /// Returns `false`, leaving `output` unspecified, if a character is not a hex digit or the
    /// length does not match. Runs in time independent of the digits' values.
    static func decode(_ digits: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer)
        -> Bool
    {
        guard digits.count == 2 * output.count, let source = digits.baseAddress else { return false }
        var decodedCount = 0
        let status = sodium_hex2bin(
            output.baseAddress!.assumingMemoryBound(to: UInt8.self), output.count,
            source.assumingMemoryBound(to: CChar.self), digits.count,
            nil, &decodedCount, nil
        )
        return status == 0 && decodedCount == output.count
    }

    /// Whether every digit in `digits` (already known to be hex) is lower case, checked without
    /// branching on the digits: an upper-case hex letter is the only one with bit 6 set and bit 5
    /// clear.
    static func isLowercase(_ digits: UnsafeRawBufferPointer) -> Bool {
        var upper: UInt8 = 0
        for byte in digits { upper |= (byte >> 6) & ~(byte >> 5) & 1 }
        return upper == 0
    }

    /// Writes the lower-case hex of `bytes` into `output`, which holds exactly twice as many bytes,
    /// in time independent of the bytes' values.
    static func encode(_ bytes: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) {
        precondition(output.count == 2 * bytes.count, "hex output must be twice the input length")
        // sodium_bin2hex writes a terminating NUL, so it needs one byte more than `output` has.
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: output.count + 1) { buffer in
            _ = sodium_bin2hex(buffer.baseAddress!, buffer.count, bytes.baseAddress!, bytes.count)
            output.copyMemory(from: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[..<output.count]))
            sodium_memzero(buffer.baseAddress!, buffer.count)
        }
    }
}
