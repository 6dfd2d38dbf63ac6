import Synchronization

/// Keeps events in memory, for tests that check what was logged.
///
/// The handler is a reference: every logger copy that holds it records into the same list.
public final class InMemoryLogHandler: LogHandler {
    private let storage = Mutex<[LogEvent]>([])

    /// Creates an empty handler.
    public init() {}

    /// Records the event.
    public func log(_ event: LogEvent) {
        storage.withLock { $0.append(event) }
    }

    /// The events recorded so far, oldest first.
    public var events: [LogEvent] {
        storage.withLock { $0 }
    }

    /// The recorded events formatted as ``LogEvent/formattedLine``, oldest first.
    public var lines: [String] {
        events.map(\.formattedLine)
    }

    /// Forgets every recorded event.
    public func removeAll() {
        storage.withLock { $0.removeAll() }
    }
}
