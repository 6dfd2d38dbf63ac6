/// The server's lifecycle as a value-type state machine: idle → starting → running → draining → stopped.
///
/// The server holds it under a lock, feeds it events, and performs the actions it returns; it does no I/O
/// itself, so its rules are tested directly.
struct ServerLifecycle<Daemon: Sendable>: Sendable {
    /// Where the server is.
    enum State: Sendable {
        /// Created, never started (or a start failed).
        case idle
        /// ``HTTPServer/start()`` is starting the daemon.
        case starting
        /// Serving.
        case running(Daemon)
        /// Shutting down: not accepting, waiting for requests in flight.
        case draining
        /// Stopped for good.
        case stopped
    }

    private(set) var state: State = .idle

    /// A start was requested; whether it may proceed.
    mutating func startRequested() -> Bool {
        guard case .idle = state else { return false }
        state = .starting
        return true
    }

    /// The daemon is up.
    mutating func started(_ daemon: Daemon) {
        guard case .starting = state else { preconditionFailure("started() outside of a start") }
        state = .running(daemon)
    }

    /// The daemon could not start; the server may be started again.
    mutating func startFailed() {
        guard case .starting = state else { preconditionFailure("startFailed() outside of a start") }
        state = .idle
    }

    /// A shutdown was requested; returns the daemon to quiesce and drain, or `nil` when there is nothing to stop
    /// (never started, or already stopping or stopped).
    mutating func shutdownRequested() -> Daemon? {
        switch state {
        case .running(let daemon):
            state = .draining
            return daemon
        case .idle:
            state = .stopped
            return nil
        case .starting, .draining, .stopped:
            return nil
        }
    }

    /// The daemon has been stopped.
    mutating func drained() {
        state = .stopped
    }

    /// The running daemon, if any.
    var runningDaemon: Daemon? {
        if case .running(let daemon) = state { return daemon }
        return nil
    }
}
