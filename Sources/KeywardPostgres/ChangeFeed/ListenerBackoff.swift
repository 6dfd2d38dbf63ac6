import KeywardCore

/// The listening connection's lifecycle as a value, tested without I/O: what to report once the
/// connection listens, and how long to wait before the next attempt after a failure.
///
/// The first time the connection listens it reports ``ChangeNotification/changed`` (a cheap
/// catch-up covers whatever committed between the server's first load and the `LISTEN`); every
/// later time it reports ``ChangeNotification/resync``, because notifications sent while it was
/// away are lost. After a lost connection the first attempt is immediate; then the delay doubles
/// from ``initialDelay`` up to ``maximumDelay``, with ±20% jitter so nodes do not reconnect in step.
struct ListenerBackoff: Sendable {
    /// The wait after the first failed attempt.
    static let initialDelay: Duration = .milliseconds(50)
    /// The longest wait between attempts.
    static let maximumDelay: Duration = .seconds(2)

    /// Failed attempts since the connection last listened.
    private(set) var consecutiveFailures = 0
    /// Whether the connection ever listened.
    private(set) var hasListened = false

    /// Creates the state of a listener that never connected.
    init() {}

    /// The connection listens: the notification to deliver.
    mutating func listening() -> ChangeNotification {
        defer {
            hasListened = true
            consecutiveFailures = 0
        }
        return hasListened ? .resync : .changed
    }

    /// The listening connection was lost: reconnect at once.
    mutating func lost() -> Duration {
        consecutiveFailures = 0
        return .zero
    }

    /// An attempt to connect and listen failed: the wait before the next one.
    ///
    /// - Parameter jitter: A factor in 0.8...1.2 (random in production, fixed in tests).
    mutating func failed(jitter: Double = Double.random(in: 0.8...1.2)) -> Duration {
        consecutiveFailures += 1
        let exponent = min(consecutiveFailures - 1, 16)
        let base = min(Self.initialDelay * (1 << exponent), Self.maximumDelay)
        return base * jitter
    }
}
