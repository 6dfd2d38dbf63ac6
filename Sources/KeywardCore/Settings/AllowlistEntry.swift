import FoundationEssentials

/// One entry of the API IP allowlist: a single address or a CIDR range, with a note.
public struct AllowlistEntry: Hashable, Sendable, Codable, Identifiable {
    /// The database id; `0` before the entry is stored.
    public var id: Int64
    /// The address or range in canonical form (`192.0.2.7/32`, `2001:db8::/32`).
    public var network: String
    /// Why the entry exists.
    public var note: String
    /// When it was added.
    public var createdAt: Date

    /// Creates an entry.
    public init(id: Int64 = 0, network: String, note: String = "", createdAt: Date) {
        self.id = id
        self.network = network
        self.note = note
        self.createdAt = createdAt
    }
}
