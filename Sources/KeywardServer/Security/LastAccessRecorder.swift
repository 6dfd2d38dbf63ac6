import FoundationEssentials
import KeywardCore
import Synchronization

/// Coalesces last-access records in memory so authenticated requests never write to the database;
/// ``flush(to:)`` writes them in one transaction (every few seconds, and on shutdown).
///
/// With several nodes each node writes what it saw; the newest write wins, which is what "last
/// access" means.
public final class LastAccessRecorder: Sendable {
    private let pending = Mutex<[Int64: LastAccess]>([:])

    /// Creates an empty recorder.
    public init() {}

    /// Notes a use of a credential.
    public func record(credentialID: Int64, time: Date, ip: String) {
        pending.withLock { $0[credentialID] = LastAccess(credentialID: credentialID, time: time, ip: ip) }
    }

    /// How many credentials wait to be written.
    public var pendingCount: Int { pending.withLock { $0.count } }

    /// Writes and forgets every pending record. On failure the records are put back (unless newer
    /// ones arrived meanwhile) and the error is rethrown.
    public func flush(to store: any Store) throws {
        let batch = pending.withLock { pending -> [LastAccess] in
            defer { pending.removeAll(keepingCapacity: true) }
            return Array(pending.values)
        }
        guard !batch.isEmpty else { return }
        do {
            try store.write { tx in try tx.recordLastAccess(batch.sorted { $0.credentialID < $1.credentialID }) }
        } catch {
            pending.withLock { pending in
                for record in batch where pending[record.credentialID] == nil { pending[record.credentialID] = record }
            }
            throw error
        }
    }
}
