#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// One enabled log event, as a ``LogHandler`` receives it.
public struct LogEvent: Sendable, Hashable {
    /// When the event happened, as the time since 1970-01-01T00:00:00Z.
    public var timestamp: Duration
    /// The severity.
    public var level: Logger.Level
    /// The label of the logger.
    public var label: String
    /// The message.
    public var message: String
    /// The metadata of the logger merged with the event's own.
    public var metadata: [String: String]

    /// Creates an event.
    public init(
        timestamp: Duration,
        level: Logger.Level,
        label: String,
        message: String,
        metadata: [String: String] = [:]
    ) {
        self.timestamp = timestamp
        self.level = level
        self.label = label
        self.message = message
        self.metadata = metadata
    }

    /// The current wall-clock time since the Unix epoch.
    static func now() -> Duration {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return .seconds(time.tv_sec) + .nanoseconds(time.tv_nsec)
    }
}
