import KeywardSupport
import Synchronization

/// Counts failed authentications per client IP and bans an IP that keeps failing.
///
/// Kept in memory per process (per node): a ban protects the node that sees the attack. The table
/// is bounded; when full, expired entries go first, then the oldest.
public final class BanList: Sendable {
    struct Entry {
        var failures: Int
        var windowStart: Double
        var bannedUntil: Double
    }

    private let entries = Mutex<[IPAddress: Entry]>([:])
    private let capacity: Int

    /// Creates a ban list that tracks at most `capacity` addresses.
    public init(capacity: Int = 100_000) { self.capacity = capacity }

    /// Whether the address is banned at `now` (seconds since 1970); when it is, the seconds left.
    public func banRemaining(_ address: IPAddress, now: Double) -> Double? {
        entries.withLock { entries in
            guard let entry = entries[address], entry.bannedUntil > now else { return nil }
            return entry.bannedUntil - now
        }
    }

    /// Records a failure; returns true when this failure starts a ban.
    ///
    /// Failures count within a window of `seconds`; reaching `threshold` bans the address for
    /// `seconds`.
    @discardableResult
    public func recordFailure(_ address: IPAddress, now: Double, threshold: Int, seconds: Double) -> Bool {
        entries.withLock { entries in
            var entry = entries[address] ?? Entry(failures: 0, windowStart: now, bannedUntil: 0)
            if now - entry.windowStart > seconds {
                entry.failures = 0
                entry.windowStart = now
            }
            entry.failures += 1
            var banned = false
            if entry.failures >= threshold && entry.bannedUntil <= now {
                entry.bannedUntil = now + seconds
                entry.failures = 0
                entry.windowStart = now
                banned = true
            }
            if entries[address] == nil && entries.count >= capacity { Self.evict(&entries, now: now) }
            entries[address] = entry
            return banned
        }
    }

    /// Forgets an address's failures (after a successful admin sign-in).
    public func clearFailures(_ address: IPAddress) {
        entries.withLock { entries in
            if var entry = entries[address] {
                entry.failures = 0
                entries[address] = entry.bannedUntil > 0 ? entry : nil
            }
        }
    }

    /// Lifts a ban (an operator action).
    public func unban(_ address: IPAddress) { entries.withLock { _ = $0.removeValue(forKey: address) } }

    /// The banned addresses and their remaining seconds.
    public func banned(now: Double) -> [(IPAddress, Double)] {
        entries.withLock { entries in
            entries.compactMap { $0.value.bannedUntil > now ? ($0.key, $0.value.bannedUntil - now) : nil }
        }
    }

    private static func evict(_ entries: inout [IPAddress: Entry], now: Double) {
        let expired = entries.filter { $0.value.bannedUntil <= now }.map(\.key)
        if !expired.isEmpty {
            for key in expired.prefix(max(1, entries.count / 10)) { entries[key] = nil }
            return
        }
        if let oldest = entries.min(by: { $0.value.windowStart < $1.value.windowStart })?.key { entries[oldest] = nil }
    }
}
