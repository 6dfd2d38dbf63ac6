import FoundationEssentials
import KeywardCore

/// Builders that store a group, admin, role or credential directly through a transaction, with
/// defaults for everything a test does not care about. No crypto: hashes are constant fakes.
///
/// ```swift
/// let admin = try store.write { tx in try Fixtures.admin(in: tx, username: "alice") }
/// ```
public enum Fixtures {
    /// The time fixtures and test clocks start at: 2026-01-01T00:00:00Z, a whole millisecond.
    public static let epoch = Date(timeIntervalSince1970: 1_767_225_600)

    /// A stored form of a secret that no real secret hashes to.
    public static let digest = SecretDigest(
        keyID: "test-key",
        secretHash: Digest32(words: (0x0101_0101, 0x0202_0202, 0x0303_0303, 0x0404_0404)),
        compatHash: Digest32(words: (0x0505_0505, 0x0606_0606, 0x0707_0707, 0x0808_0808))
    )

    /// A placeholder password hash; no password verifies against it.
    public static let passwordHash = "$test$not-a-password-hash"

    /// A unique, valid credential identifier.
    public static func uniqueIdentifier(prefix: String = "kw") -> String {
        prefix + "_" + UUID().uuidString.lowercased().filter { $0 != "-" }
    }
}
