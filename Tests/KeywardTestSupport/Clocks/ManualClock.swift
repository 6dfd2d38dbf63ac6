import FoundationEssentials
import KeywardCore
import Synchronization

/// A clock that stands still until a test moves it; safe to read and move from any thread.
public final class ManualClock: WallClock, Sendable {
    private let current: Mutex<Date>

    /// Creates a clock showing `start` (by default ``Fixtures/epoch``).
    public init(_ start: Date = Fixtures.epoch) {
        current = Mutex(start)
    }

    /// The time the clock shows.
    public func now() -> Date {
        current.withLock { $0 }
    }

    /// Sets the time.
    public func set(_ date: Date) {
        current.withLock { $0 = date }
    }

    /// Moves the time forward (or back, with a negative interval).
    public func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}
