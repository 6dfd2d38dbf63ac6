/// The state of one deferred request, shared by the I/O thread, a worker and a shutdown, as a value-type state
/// machine.
///
/// Exactly one party resumes the suspended connection: the worker that finished the work, or the shutdown
/// that gave up waiting for it. Whoever gets `true` back from ``finish(_:)`` or ``abandon()`` must call
/// `MHD_resume_connection`, while still holding the lock around this value.
struct DeferredState: Sendable {
    /// Where the request is.
    enum Phase: Sendable {
        /// Suspended; the work is queued or running.
        case running
        /// The work produced a response; the connection was resumed to send it.
        case finished(Response)
        /// A shutdown gave up on the work; the connection was resumed to close it.
        case abandoned
        /// The response (or the abandonment) has been handed to the I/O thread.
        case delivered
    }

    private(set) var phase: Phase = .running

    /// The work finished with `response`; returns whether the caller must resume the connection.
    mutating func finish(_ response: Response) -> Bool {
        guard case .running = phase else { return false }
        phase = .finished(response)
        return true
    }

    /// A shutdown gives up on the work; returns whether the caller must resume the connection.
    mutating func abandon() -> Bool {
        guard case .running = phase else { return false }
        phase = .abandoned
        return true
    }

    /// Whether the work need not run any more.
    var isAbandoned: Bool {
        if case .abandoned = phase { return true }
        return false
    }

    /// The response to send after the connection was resumed: the work's, or `nil` when it was abandoned.
    mutating func takeResponse() -> Response? {
        defer { phase = .delivered }
        if case .finished(let response) = phase { return response }
        return nil
    }
}
