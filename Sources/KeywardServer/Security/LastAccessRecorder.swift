import FoundationEssentials
import KeywardCore
import KeywardSupport
import Synchronization

/// Coalesces last-access records in memory so authenticated requests never write to the database;
/// ``flush(to:)`` writes them in one transaction (every few seconds, and on shutdown).
///
/// With several nodes each node writes what it saw; the newest write wins, which is what "last
/// access" means.
public final class LastAccessRecorder: Sendable {
    private struct Use {
        var time: Date
        var address: IPAddress
    }

    /// The address is kept as a value and formatted only when written, off the request path.
    private let pending = Mutex<[Int64: Use]>([:])

    /// Creates an empty recorder.
    public init() {}

    /// Notes a use of a credential.
    public func record(credentialID: Int64, time: Date, address: IPAddress) {
        pending.withLock { $0[credentialID] = Use(time: time, address: address) }
    }

    /// How many credentials wait to be written.
    public var pendingCount: Int { pending.withLock { $0.count } }

    /// Writes and forgets every pending record. On failure the records are put back (unless newer
    /// ones arrived meanwhile) and the error is rethrown.
    public func flush(to store: any Store) throws {
        let taken = pending.withLock { pending -> [Int64: Use] in
            defer { pending.removeAll(keepingCapacity: true) }
            return pending
        }
        guard !taken.isEmpty else { return }
        let batch = taken.map {
            LastAccess(credentialID: $0.key, time: $0.value.time, ip: $0.value.address.description)
        }
        do {
            try store.write { tx in try tx.recordLastAccess(batch.sorted { $0.credentialID < $1.credentialID }) }
        } catch {
            pending.withLock { pending in
                for (id, use) in taken where pending[id] == nil { pending[id] = use }
            }
            throw error
        }
    }
}
