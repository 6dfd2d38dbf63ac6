/// Keyed hashing of API secrets (BLAKE2b-256 with the server key, in production).
///
/// Secrets are random tokens, so a fast keyed hash compared in constant time is the right tool:
/// there is nothing to brute-force, and the per-request path stays in microseconds.
public protocol SecretHasher: Sendable {
    /// The id of the current key, recorded next to every hash it makes.
    var keyID: String { get }
    /// Both stored hashes of a new secret: of the secret and of its hex MD5.
    func digest(secret: String) -> SecretDigest
    /// The keyed hash of a presented secret.
    func hash(secret: some StringProtocol) -> Digest32
    /// The keyed hash of a presented hex MD5 (lower-cased first), compared with `compatHash`.
    func hash(md5Hex: some StringProtocol) -> Digest32
    /// A keyed hash for other short-lived secrets (the API access key, session tokens).
    func hash(token: some StringProtocol, purpose: String) -> Digest32
}

/// Makes new credential identifiers and secrets from the system CSPRNG.
public protocol CredentialGenerator: Sendable {
    /// A new public identifier, within `[A-Za-z0-9_]`, at most 255 characters.
    func newIdentifier() -> String
    /// A new secret, within `[A-Za-z0-9_]`, with at least 190 bits of entropy.
    func newSecret() -> String
    /// A random token for sessions and CSRF, URL-safe.
    func newToken() -> String
}
