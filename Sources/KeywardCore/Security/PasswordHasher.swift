/// Admin password hashing: Argon2id in production, a cheap cost in tests.
///
/// The hash is computed over the lower-case hex MD5 of the password, so that a legacy API login,
/// which sends only MD5(password), can be verified against the same hash.
public protocol PasswordHasher: Sendable {
    /// Hashes a password typed by a person.
    func hash(password: String) throws -> String
    /// Verifies a password typed by a person.
    func verify(password: String, against hash: String) -> Bool
    /// Verifies a legacy API login's hex MD5 of the password.
    func verify(md5Hex: String, against hash: String) -> Bool
    /// Whether the hash was made with other cost parameters and should be replaced after the next
    /// successful sign-in.
    func needsRehash(_ hash: String) -> Bool
    /// Hashes a password already reduced to its hex MD5 (for rehash-on-login of legacy logins).
    func hash(md5Hex: String) throws -> String
}
