import Synchronization

/// A password hash of a random-looking password nobody knows, made once on first use with the
/// current hasher, so that a sign-in with an unknown username costs one full verification like a
/// wrong password does.
public final class DecoyPasswordHash: Sendable {
    /// Creates an empty holder; the hash is made on first use.
    public init() {}

    private let cached = Mutex<String?>(nil)

    /// The decoy hash, created on first use.
    public func hash(using hasher: any PasswordHasher) -> String {
        if let hash = cached.withLock({ $0 }) { return hash }
        let made = (try? hasher.hash(password: "keyward decoy \(UInt64.random(in: .min ... .max))")) ?? ""
        return cached.withLock { current in
            if let current { return current }
            current = made
            return made
        }
    }
}
