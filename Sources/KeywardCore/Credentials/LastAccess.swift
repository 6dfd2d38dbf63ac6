import FoundationEssentials

/// The last authenticated use of a credential, coalesced in memory and written in batches.
public struct LastAccess: Hashable, Sendable {
    /// The credential's id.
    public var credentialID: Int64
    /// When it was used.
    public var time: Date
    /// The client IP, as text.
    public var ip: String

    /// Creates a record.
    public init(credentialID: Int64, time: Date, ip: String) {
        self.credentialID = credentialID
        self.time = time
        self.ip = ip
    }
}
