/// The formats of Keyward credential identifiers and secrets.
///
/// - Identifier: `kwid_` and 24 random base-62 characters (about 142 bits), 29 characters.
/// - Secret: `kwsk_`, 43 random base-62 characters (256 bits), then a 6-character checksum: the
///   CRC-32 of everything before it (`kwsk_` and the 43 characters), written in base 62, most
///   significant digit first, zero-padded. 54 characters.
///
/// Base 62 is `0-9A-Za-z` (digit values in ASCII order), so both stay within `[A-Za-z0-9_]`:
/// form- and URL-safe, and selected whole by a double click. The distinctive prefix and the
/// checksum let secret scanners find leaked Keyward secrets with the pattern
/// `\bkwsk_[0-9A-Za-z]{49}\b` and confirm them offline, as GitHub's tokens do.
public enum SecretFormat {
    /// The prefix of every identifier.
    public static let identifierPrefix = "kwid_"
    /// The prefix of every secret.
    public static let secretPrefix = "kwsk_"
    /// Random base-62 characters in an identifier.
    public static let identifierRandomLength = 24
    /// Random base-62 characters in a secret.
    public static let secretRandomLength = 43
    /// Base-62 characters of the secret's CRC-32 checksum.
    public static let checksumLength = 6
    /// The full length of an identifier.
    public static let identifierLength = identifierPrefix.utf8.count + identifierRandomLength
    /// The full length of a secret.
    public static let secretLength = secretPrefix.utf8.count + secretRandomLength + checksumLength

    /// Whether `value` has an identifier's shape: the prefix, then exactly 24 base-62 characters.
    ///
    /// Identifiers imported from WHMCS do not have this shape; use this to recognise Keyward's own,
    /// not to reject others.
    public static func isWellFormedIdentifier(_ value: some StringProtocol) -> Bool {
        withBytes(of: value, count: identifierLength) { bytes in
            hasPrefix(bytes, identifierPrefix) && bytes[identifierPrefix.utf8.count...].allSatisfy(Base62.isDigit)
        }
    }

    /// Whether `value` has a secret's shape and a matching checksum: the prefix, 49 base-62
    /// characters, the last 6 of which are the CRC-32 of the rest.
    ///
    /// A `false` result means the value was never issued by Keyward (or was mistyped), so it can
    /// be rejected without a database lookup. Nothing about any stored secret is consulted, so the
    /// answer leaks nothing.
    public static func isWellFormedSecret(_ value: some StringProtocol) -> Bool {
        withBytes(of: value, count: secretLength) { bytes in
            let characters = bytes[secretPrefix.utf8.count...]
            guard hasPrefix(bytes, secretPrefix), characters.allSatisfy(Base62.isDigit) else { return false }
            let bodyLength = secretLength - checksumLength
            return withUnsafeTemporaryAllocation(byteCount: checksumLength, alignment: 1) { expected in
                writeChecksum(of: UnsafeRawBufferPointer(rebasing: bytes[..<bodyLength]), into: expected)
                return expected.elementsEqual(bytes[bodyLength...])
            }
        }
    }

    /// Writes the base-62 CRC-32 of `body` into `output` (``checksumLength`` bytes).
    static func writeChecksum(of body: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) {
        Base62.encode(CRC32.checksum(body), into: output)
    }

    /// Calls `body` with a stack copy of the UTF-8 bytes of `value` if there are exactly `count`
    /// of them; `false` otherwise.
    private static func withBytes(
        of value: some StringProtocol,
        count: Int,
        _ body: (UnsafeRawBufferPointer) -> Bool
    ) -> Bool {
        withUnsafeTemporaryAllocation(byteCount: count, alignment: 1) { buffer in
            // Copies whole contiguous chunks (one, for native strings): iterating the generic UTF-8
            // view byte by byte costs several times more than the checks themselves.
            var filled = 0
            var tooLong = false
            value.withUTF8Chunks { chunk in
                guard !tooLong, chunk.count <= count - filled else {
                    tooLong = true
                    return
                }
                UnsafeMutableRawBufferPointer(rebasing: buffer[filled..<(filled + chunk.count)]).copyMemory(from: chunk)
                filled += chunk.count
            }
            guard !tooLong, filled == count else { return false }
            return body(UnsafeRawBufferPointer(buffer))
        }
    }

    private static func hasPrefix(_ bytes: UnsafeRawBufferPointer, _ prefix: String) -> Bool {
        bytes.starts(with: prefix.utf8)
    }
}
