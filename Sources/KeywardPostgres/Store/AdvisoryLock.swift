/// The `pg_advisory_lock` keys Keyward uses, one set per schema so that Keyward installations in
/// several schemas of one database never wait for each other.
///
/// A key is the 64-bit FNV-1a hash of a fixed label and the schema name: stable across processes,
/// builds and platforms (Swift's `Hasher` is seeded per process, so it cannot be used).
struct AdvisoryLock: Hashable, Sendable {
    /// The key passed to `pg_advisory_lock` and friends.
    let key: Int64

    /// Held by every write transaction (`pg_advisory_xact_lock`) from `BEGIN` to `COMMIT`: writes
    /// run one at a time, as SQLite's `BEGIN IMMEDIATE` makes them, so change-feed positions are
    /// allocated and committed in the same order.
    static func writer(schema: String) -> AdvisoryLock { AdvisoryLock(label: "keyward.write", schema: schema) }

    /// Held while migrations run (`pg_advisory_lock`), so nodes starting together migrate once.
    static func migrations(schema: String) -> AdvisoryLock {
        AdvisoryLock(label: "keyward.migrate", schema: schema)
    }

    private init(label: String, schema: String) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "\(label):\(schema)".utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        key = Int64(bitPattern: hash)
    }
}
