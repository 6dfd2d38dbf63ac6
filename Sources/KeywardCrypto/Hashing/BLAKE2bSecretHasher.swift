import KeywardCore

/// Keyed hashing of API secrets and tokens: BLAKE2b-256 (`crypto_generichash`) keyed with the
/// ``ServerKey``.
///
/// - `hash(secret:)` is the keyed hash of the secret's UTF-8 bytes.
/// - `hash(md5Hex:)` is the keyed hash of the UTF-8 bytes with ASCII letters lowered, so an
///   upper-case hex MD5 from a client matches the stored lower-case one.
/// - `hash(token:purpose:)` is the keyed hash of `purpose`, one zero byte, then `token`: a session
///   token's hash can never stand in for a CSRF token's, nor for an API secret's.
///
/// Every hash is computed on the stack: no heap allocation per request.
public struct BLAKE2bSecretHasher: SecretHasher {
    private let key: ServerKey

    /// Creates a hasher that keys every hash with `key`.
    public init(key: ServerKey) {
        self.key = key
    }

    /// The id of the server key, recorded next to every hash.
    public var keyID: String { key.keyID }

    /// Both stored hashes of a new secret: of the secret, and of its lower-case hex MD5.
    public func digest(secret: String) -> SecretDigest {
        let compatHash = MD5.withLowercaseHex(of: secret.utf8) { hex in
            key.keyedHash { $0.update(UnsafeRawBufferPointer(hex)) }
        }
        return SecretDigest(keyID: key.keyID, secretHash: hash(secret: secret), compatHash: compatHash)
    }

    /// The keyed hash of a presented secret.
    public func hash(secret: some StringProtocol) -> Digest32 {
        key.keyedHash { $0.update(utf8: secret) }
    }

    /// The keyed hash of a presented hex MD5, lower-cased first; compare it with `compatHash`.
    public func hash(md5Hex: some StringProtocol) -> Digest32 {
        key.keyedHash { $0.update(asciiLowercased: md5Hex) }
    }

    /// The keyed hash of `purpose`, a zero byte, and `token`.
    ///
    /// - Precondition: `purpose` contains no zero byte (it is a constant such as `"session"`).
    public func hash(token: some StringProtocol, purpose: String) -> Digest32 {
        precondition(!purpose.utf8.contains(0), "a hash purpose must not contain a zero byte")
        return key.keyedHash {
            $0.update(utf8: purpose)
            $0.update(byte: 0)
            $0.update(utf8: token)
        }
    }
}
