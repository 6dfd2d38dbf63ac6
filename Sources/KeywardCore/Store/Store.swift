/// Keyward's persistence seam: SQLite for one machine, PostgreSQL for several nodes.
///
/// Every management operation runs in one ``write(_:)`` transaction: its change, its audit event
/// and its change-feed entry commit together or not at all. Implementations give each caller its
/// own connection for the duration of the closure and map uniqueness violations to
/// ``KeywardError/Code-swift.struct/conflict``.
///
/// The closures run synchronously on the calling thread; a throw rolls the transaction back.
public protocol Store: Sendable {
    /// Runs `body` in a read-only transaction that sees one consistent state.
    func read<T>(_ body: (any StoreTransaction) throws -> T) throws -> T

    /// Runs `body` in a read-write transaction, committed when it returns and rolled back when it
    /// throws.
    func write<T>(_ body: (any StoreTransaction) throws -> T) throws -> T

    /// A short description for logs and `--help`, such as `sqlite:/var/lib/keyward/keyward.sqlite`,
    /// with any password removed.
    var displayName: String { get }

    /// Closes every connection. Further calls fail.
    func close()
}
