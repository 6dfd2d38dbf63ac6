import Synchronization

/// Encoded answers of cacheable actions (``APIAction/isCacheable``), reused within one second and
/// one index generation: a busy client calling `GetAdminDetails` costs a dictionary lookup instead
/// of building and encoding the same answer again.
///
/// The whole cache is dropped when the second or the index generation moves on, so it never holds
/// more than one answer per admin, action and format.
final class ResponseCache: Sendable {
    struct Key: Hashable, Sendable {
        var action: String
        var adminID: Int64
        var format: ResponseFormat
    }

    private struct State {
        var second: Int64 = -1
        var generation: UInt64 = 0
        var entries: [Key: [UInt8]] = [:]
    }

    private let state = Mutex(State())
    private let capacity: Int

    init(capacity: Int = 10_000) { self.capacity = capacity }

    func lookup(_ key: Key, second: Int64, generation: UInt64) -> [UInt8]? {
        state.withLock { state in
            guard state.second == second, state.generation == generation else { return nil }
            return state.entries[key]
        }
    }

    func store(_ body: [UInt8], for key: Key, second: Int64, generation: UInt64) {
        state.withLock { state in
            if state.second != second || state.generation != generation {
                // Older answers may only be replaced by newer ones.
                guard (second, generation) >= (state.second, state.generation) else { return }
                state.second = second
                state.generation = generation
                state.entries.removeAll(keepingCapacity: true)
            }
            if state.entries.count < capacity { state.entries[key] = body }
        }
    }
}
