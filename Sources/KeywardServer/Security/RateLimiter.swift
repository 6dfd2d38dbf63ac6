import KeywardSupport
import Synchronization

/// A token bucket per client IP: `rate` requests a second with bursts of `burst`.
///
/// In memory per process (per node): behind a load balancer with N nodes a client can reach N
/// times the rate. The table is bounded; idle buckets are dropped first.
public final class RateLimiter: Sendable {
    struct Bucket {
        var tokens: Double
        var updated: Double
    }

    private let buckets = Mutex<[IPAddress: Bucket]>([:])
    private let capacity: Int

    /// Creates a limiter that tracks at most `capacity` addresses.
    public init(capacity: Int = 100_000) { self.capacity = capacity }

    /// Takes one token for `address`. Returns `nil` when allowed, or the whole seconds to wait.
    public func acquire(_ address: IPAddress, now: Double, rate: Int, burst: Int) -> Int? {
        guard rate > 0 else { return nil }
        let rate = Double(rate)
        let burst = Double(max(1, burst))
        return buckets.withLock { buckets in
            var bucket = buckets[address] ?? Bucket(tokens: burst, updated: now)
            bucket.tokens = min(burst, bucket.tokens + max(0, now - bucket.updated) * rate)
            bucket.updated = now
            defer {
                if buckets[address] == nil && buckets.count >= capacity {
                    // Full buckets carry no information: drop them first.
                    let idle = buckets.filter { $0.value.tokens + (now - $0.value.updated) * rate >= burst }.map(\.key)
                    for key in idle.prefix(max(1, buckets.count / 10)) { buckets[key] = nil }
                    if buckets.count >= capacity, let any = buckets.keys.first { buckets[any] = nil }
                }
                buckets[address] = bucket
            }
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                return nil
            }
            return max(1, Int(((1 - bucket.tokens) / rate).rounded(.up)))
        }
    }
}
