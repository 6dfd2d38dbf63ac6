import FoundationEssentials
import KeywardCore

/// A clock that always shows the same time.
public struct FixedClock: WallClock {
    /// The time the clock shows.
    public let date: Date

    /// Creates a clock showing `date` (by default ``Fixtures/epoch``).
    public init(_ date: Date = Fixtures.epoch) {
        self.date = date
    }

    /// Always ``date``.
    public func now() -> Date { date }
}
