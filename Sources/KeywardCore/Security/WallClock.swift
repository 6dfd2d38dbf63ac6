import FoundationEssentials

/// The source of the current time, injected so expiry and last-access logic can be tested.
public protocol WallClock: Sendable {
    /// Now.
    func now() -> Date
}

/// The system's wall clock.
public struct SystemClock: WallClock {
    /// Creates the clock.
    public init() {}
    /// Now.
    public func now() -> Date { Date() }
}
