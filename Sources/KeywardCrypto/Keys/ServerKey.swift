internal import CKeywardSodium
import KeywardCore

/// The server's 32-byte secret key for keyed hashing of API secrets and tokens.
///
/// Every node that verifies the same credentials must hold the same key. A single node keeps it
/// in `<data-dir>/secret.key` (see ``loadOrCreate(dataDirectory:)``); several nodes share one
/// through the `KEYWARD_SECRET_KEY` environment variable (see ``init(hex:)``).
///
/// The key bytes stay in locked, guarded memory that is wiped when the last copy of the value
/// goes (best effort). Neither ``description`` nor `dump` ever shows them: only the ``keyID``.
public struct ServerKey: Sendable {
    /// The key length in bytes.
    public static let byteCount = KeyBytes.count

    /// A short, public name for the key: the first 8 lower-case hex characters of the keyed
    /// BLAKE2b-256 of the constant `keyward-key-id`.
    ///
    /// Stored next to every hash made with the key, so a rotation can tell old hashes from new.
    /// It reveals nothing about the key.
    public let keyID: String

    let bytes: KeyBytes

    private init(bytes: KeyBytes) {
        self.bytes = bytes
        let digest = KeyedBLAKE2b.hash(key: bytes) { $0.update(utf8: "keyward-key-id") }
        self.keyID = String(digest.hex.prefix(8))
    }

    /// A new key from the system CSPRNG.
    public static func generate() -> ServerKey {
        ServerKey(bytes: KeyBytes.make { randombytes_buf($0.baseAddress!, $0.count) })
    }

    /// Reads a key written as 64 hexadecimal characters, such as `KEYWARD_SECRET_KEY`'s value.
    ///
    /// Upper- and lower-case digits are accepted, and surrounding spaces and line breaks are
    /// ignored (a value read with `$(cat secret.key)` keeps working). Decoding runs in constant
    /// time with respect to the digits.
    ///
    /// - Throws: `KeywardError` (`invalidInput`) if the value is not exactly 64 hex characters.
    ///   The message never includes the value.
    public init(hex: some StringProtocol) throws {
        let digitCount = 2 * Self.byteCount
        let key = try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: digitCount) { buffer in
            defer { sodium_memzero(buffer.baseAddress!, buffer.count) }
            // Leading whitespace, then exactly `digitCount` non-whitespace bytes, then whitespace.
            var count = 0
            var trailing = false
            for byte in hex.utf8 {
                if ASCII.isWhitespace(byte) {
                    trailing = count > 0
                } else {
                    guard !trailing, count < digitCount else { throw Self.malformedHex }
                    buffer[count] = byte
                    count += 1
                }
            }
            guard count == digitCount else { throw Self.malformedHex }
            return try KeyBytes.make { key in
                guard Hex.decode(UnsafeRawBufferPointer(buffer), into: key) else { throw Self.malformedHex }
            }
        }
        self.init(bytes: key)
    }

    /// Calls `body` with the key bytes, which it must not keep or copy.
    func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try bytes.withUnsafeBytes(body)
    }

    /// Wraps bytes decoded elsewhere (the key file reader).
    static func wrapping(_ bytes: KeyBytes) -> ServerKey { ServerKey(bytes: bytes) }

    private static var malformedHex: KeywardError {
        KeywardError(.invalidInput, "A server key must be exactly 64 hexadecimal characters (32 bytes).")
    }
}

extension ServerKey: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `ServerKey(keyID: …)`: never the key itself.
    public var description: String { "ServerKey(keyID: \(keyID))" }
    /// Same as ``description``.
    public var debugDescription: String { description }
    /// Shows only the key id to `dump` and debuggers.
    public var customMirror: Mirror { Mirror(self, children: ["keyID": keyID]) }
}
