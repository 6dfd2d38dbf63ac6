/// The stored form of a credential secret: two keyed hashes and the id of the key that made them.
///
/// ``secretHash`` is the keyed BLAKE2b-256 of the secret. ``compatHash`` is the keyed BLAKE2b-256
/// of the secret's lower-case hex MD5, because some WHMCS clients send MD5(secret) as `password`.
/// ``keyID`` names the server key, so the key can be rotated later without guessing.
public struct SecretDigest: Hashable, Sendable {
    /// The id of the server key that produced both hashes.
    public var keyID: String
    /// Keyed hash of the secret.
    public var secretHash: Digest32
    /// Keyed hash of the hex MD5 of the secret.
    public var compatHash: Digest32

    /// Creates a digest value.
    public init(keyID: String, secretHash: Digest32, compatHash: Digest32) {
        self.keyID = keyID
        self.secretHash = secretHash
        self.compatHash = compatHash
    }
}
