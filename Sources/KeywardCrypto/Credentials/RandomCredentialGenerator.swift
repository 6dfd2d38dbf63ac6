internal import CKeywardSodium
import KeywardCore

/// Makes credential identifiers, secrets and tokens from libsodium's CSPRNG (`randombytes_buf`).
///
/// Identifiers and secrets follow ``SecretFormat``: `kwid_` + 24 base-62 characters, and `kwsk_` +
/// 43 base-62 characters + a 6-character CRC-32 checksum. Tokens are 32 random bytes in
/// unpadded base64url (43 characters of `[A-Za-z0-9_-]`).
public struct RandomCredentialGenerator: CredentialGenerator {
    /// Creates the generator (and initialises libsodium if nothing has yet).
    public init() {
        Sodium.initialize()
    }

    /// A new identifier: `kwid_` and 24 random base-62 characters (about 142 bits).
    public func newIdentifier() -> String {
        let prefix = SecretFormat.identifierPrefix.utf8
        return String(unsafeUninitializedCapacity: SecretFormat.identifierLength) { buffer in
            let bytes = UnsafeMutableRawBufferPointer(buffer)
            bytes.copyBytes(from: prefix)
            Base62.fillRandom(UnsafeMutableRawBufferPointer(rebasing: bytes[prefix.count...]))
            return buffer.count
        }
    }

    /// A new secret: `kwsk_`, 43 random base-62 characters (256 bits), and the base-62 CRC-32 of
    /// everything before it, zero-padded to 6 characters.
    public func newSecret() -> String {
        let prefix = SecretFormat.secretPrefix.utf8
        let bodyLength = SecretFormat.secretLength - SecretFormat.checksumLength
        return String(unsafeUninitializedCapacity: SecretFormat.secretLength) { buffer in
            let bytes = UnsafeMutableRawBufferPointer(buffer)
            bytes.copyBytes(from: prefix)
            Base62.fillRandom(UnsafeMutableRawBufferPointer(rebasing: bytes[prefix.count..<bodyLength]))
            SecretFormat.writeChecksum(
                of: UnsafeRawBufferPointer(rebasing: bytes[..<bodyLength]),
                into: UnsafeMutableRawBufferPointer(rebasing: bytes[bodyLength...])
            )
            return buffer.count
        }
    }

    /// A new token for sessions and CSRF: 32 random bytes (256 bits) as unpadded base64url
    /// (RFC 4648 §5), 43 characters.
    public func newToken() -> String {
        withUnsafeTemporaryAllocation(byteCount: Self.tokenByteCount, alignment: 1) { random in
            defer { sodium_memzero(random.baseAddress!, random.count) }
            randombytes_buf(random.baseAddress!, random.count)
            // sodium_bin2base64 writes a terminating NUL after the 43 characters.
            return withUnsafeTemporaryAllocation(of: CChar.self, capacity: Self.tokenLength + 1) { text in
                defer { sodium_memzero(text.baseAddress!, text.count) }
                _ = sodium_bin2base64(
                    text.baseAddress!, text.count,
                    random.baseAddress!.assumingMemoryBound(to: UInt8.self), random.count,
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING
                )
                return String(cString: text.baseAddress!)
            }
        }
    }

    private static let tokenByteCount = 32
    private static let tokenLength = 43
}
