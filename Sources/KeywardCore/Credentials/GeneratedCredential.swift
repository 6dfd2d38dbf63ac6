/// A credential right after generation, with its secret. The only time the secret exists.
public struct GeneratedCredential: Sendable {
    /// The stored credential.
    public var credential: APICredential
    /// The secret, to show once and forget.
    public var secret: String

    /// Creates the pair.
    public init(credential: APICredential, secret: String) {
        self.credential = credential
        self.secret = secret
    }
}
