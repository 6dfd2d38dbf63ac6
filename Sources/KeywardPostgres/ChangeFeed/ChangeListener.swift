import KeywardCore
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The store's `LISTEN keyward_changes` connection, on its own thread.
///
/// The thread connects, listens, then waits in `poll(2)` on the connection's socket and on a wake-up
/// pipe. Readable input is read with `PQconsumeInput` and notifications drained with `PQnotifies`;
/// notifications for this schema become one ``ChangeNotification/changed`` per wake-up. When the
/// socket stays quiet for ``healthCheckInterval``, a `SELECT 1` proves the connection alive (TCP
/// keepalives and `tcp_user_timeout` bound how long a dead peer can hide). A lost connection is
/// re-dialled with ``ListenerBackoff``; once it listens again, handlers hear
/// ``ChangeNotification/resync``. ``stop()`` wakes the thread through the pipe and waits for it.
final class ChangeListener: Sendable {
    private struct State {
        var handlers: [@Sendable (ChangeNotification) -> Void] = []
        var thread: pthread_t?
        var isStarted = false
        var isStopped = false
    }

    /// How long the socket may stay quiet before the connection is checked with a query.
    static let healthCheckInterval: Duration = .seconds(5)

    private let configuration: PostgresConfiguration
    private let state = Mutex(State())
    /// The wake-up pipe: [read end, write end], non-blocking, close-on-exec.
    private let wakeFDs: (Int32, Int32)

    /// Creates a listener for `configuration`'s schema; nothing runs before ``add(_:)``.
    init(configuration: PostgresConfiguration) {
        self.configuration = configuration
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) == 0 {
            for fd in fds {
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            }
        }
        wakeFDs = (fds[0], fds[1])
    }

    deinit {
        if wakeFDs.0 >= 0 { _ = close(wakeFDs.0) }
        if wakeFDs.1 >= 0 { _ = close(wakeFDs.1) }
    }

    /// Adds a handler; the first one starts the thread.
    func add(_ handler: @escaping @Sendable (ChangeNotification) -> Void) {
        let start = state.withLock { state -> Bool in
            guard !state.isStopped else { return false }
            state.handlers.append(handler)
            defer { state.isStarted = true }
            return !state.isStarted
        }
        guard start, let thread = Self.spawn({ [self] in run() }) else { return }
        let stoppedMeanwhile = state.withLock { state -> Bool in
            if state.isStopped { return true }
            state.thread = thread
            return false
        }
        if stoppedMeanwhile { wakeAndJoin(thread) }
    }

    /// Stops the thread (closing its connection) and waits for it. Idempotent.
    func stop() {
        let thread = state.withLock { state -> pthread_t? in
            state.isStopped = true
            state.handlers.removeAll()
            defer { state.thread = nil }
            return state.thread
        }
        guard let thread else { return }
        wakeAndJoin(thread)
    }

    private func wakeAndJoin(_ thread: pthread_t) {
        var byte: UInt8 = 1
        _ = write(wakeFDs.1, &byte, 1)
        if pthread_equal(thread, pthread_self()) == 0 {
            pthread_join(thread, nil)
        } else {
            // stop() from a handler: the thread ends by itself once the handler returns.
            pthread_detach(thread)
        }
    }

    private var isStopped: Bool { state.withLock { $0.isStopped } }

    // MARK: The thread

    private func run() {
        var backoff = ListenerBackoff()
        while !isStopped {
            let connection: PostgresConnection
            do {
                connection = try listen()
            } catch {
                guard wait(backoff.failed()) else { return }
                continue
            }
            deliver(backoff.listening())
            let stopped = serve(connection)
            connection.close()
            if stopped { return }
            guard wait(backoff.lost()) else { return }
        }
    }

    private func listen() throws -> PostgresConnection {
        var parameters = configuration.connectionParameters(applicationName: "keyward-listener")
        if configuration.options["tcp_user_timeout"] == nil {
            parameters.append(("tcp_user_timeout", "10000"))
        }
        let connection = try PostgresConnection(parameters: parameters)
        try connection.executeScript("LISTEN \(PostgresTransaction.notificationChannel)")
        return connection
    }

    /// Waits for notifications until the connection is lost (false) or the listener stops (true).
    private func serve(_ connection: PostgresConnection) -> Bool {
        let timeout = Int32(Self.healthCheckInterval.components.seconds * 1000)
        while true {
            var fds = [
                pollfd(fd: connection.socket, events: Int16(POLLIN), revents: 0),
                pollfd(fd: wakeFDs.0, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&fds, 2, timeout)
            if isStopped { return true }
            if ready < 0 {
                if errno == EINTR { continue }
                return false
            }
            if ready == 0 {
                // Quiet for a while: prove the connection alive.
                do { try connection.executeScript("SELECT 1") } catch { return false }
            } else if fds[0].revents != 0 {
                guard connection.consumeInput() else { return false }
            }
            let mine = connection.drainNotifications().contains {
                $0.channel == PostgresTransaction.notificationChannel && $0.payload == configuration.schema
            }
            if mine { deliver(.changed) }
            if connection.isBroken { return false }
        }
    }

    /// Sleeps for `delay`, or until ``stop()``; false when stopped.
    private func wait(_ delay: Duration) -> Bool {
        if isStopped { return false }
        guard delay > .zero else { return true }
        let (seconds, attoseconds) = delay.components
        let milliseconds = Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000)
        var fd = pollfd(fd: wakeFDs.0, events: Int16(POLLIN), revents: 0)
        _ = poll(&fd, 1, milliseconds)
        return !isStopped
    }

    private func deliver(_ notification: ChangeNotification) {
        let handlers = state.withLock { $0.handlers }
        for handler in handlers { handler(notification) }
    }

    /// Starts a joinable thread running `body`.
    private static func spawn(_ body: @escaping @Sendable () -> Void) -> pthread_t? {
        final class Box: @unchecked Sendable {
            let body: @Sendable () -> Void
            init(_ body: @escaping @Sendable () -> Void) { self.body = body }
        }
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        var thread = pthread_t()
        let created = pthread_create(
            &thread, nil,
            { raw in
                guard let raw else { return nil }
                Unmanaged<Box>.fromOpaque(raw).takeRetainedValue().body()
                return nil
            }, box)
        guard created == 0 else {
            Unmanaged<Box>.fromOpaque(box).release()
            return nil
        }
        return thread
    }
}
