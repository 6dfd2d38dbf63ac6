/// Receives the enabled events of a ``Logger`` and writes them somewhere.
///
/// The logger filters by level before building an event, so a handler sees only events it must write.
/// Handlers are called concurrently from any thread.
public protocol LogHandler: Sendable {
    /// Writes one event.
    func log(_ event: LogEvent)
}
