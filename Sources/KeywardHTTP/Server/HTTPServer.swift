import CKeywardMHD
import KeywardSupport
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// An HTTP/1.1 server on libmicrohttpd that answers requests with a ``Router`` (or any responder function).
///
/// The server runs a pool of I/O threads, each with its own epoll loop, and calls the router synchronously on
/// them: handlers must be quick, and hand anything slow to the worker pool with ``HandlerResult/deferred(_:)``.
///
/// ```swift
/// let waiter = SignalWaiter()  // block SIGTERM and SIGINT before any thread starts
/// let server = HTTPServer(configuration: .init(address: .anyV4, port: 8080), router: router)
/// try server.start()
/// let signal = waiter.wait()
/// server.shutdown(timeout: .seconds(10))
/// ```
public final class HTTPServer: Sendable {
    /// The configuration the server was created with.
    public let configuration: Configuration

    private let core: ServerCore
    private let lifecycle = Mutex(ServerLifecycle<DaemonHandle>())
    private let boundPort = Atomic<UInt16>(0)

    /// Creates a server that answers with `router`.
    public convenience init(configuration: Configuration, router: Router) {
        self.init(configuration: configuration) { router.dispatch($0, dropHeadBody: false) }
    }

    /// Creates a server that answers with any function of a request.
    ///
    /// The access log shows `route=-` for such a server, since there is no route pattern to show.
    public convenience init(
        configuration: Configuration,
        responder: @escaping @Sendable (Request) -> HandlerResult
    ) {
        self.init(configuration: configuration) { Router.Dispatch(result: responder($0), route: nil) }
    }

    /// Creates a server with a responder that also reports the matched route.
    init(configuration: Configuration, dispatcher: @escaping @Sendable (Request) -> Router.Dispatch) {
        self.configuration = configuration
        self.core = ServerCore(configuration: configuration, responder: dispatcher)
    }

    deinit {
        if lifecycle.withLock({ $0.runningDaemon }) != nil {
            shutdown(timeout: .zero)
        }
    }

    /// The port the server listens on (the chosen one when the configuration asked for port 0), or `nil` when it
    /// is not running.
    public var port: UInt16? {
        lifecycle.withLock { $0.runningDaemon } == nil ? nil : boundPort.load(ordering: .acquiring)
    }

    /// Whether the server is running and accepting connections.
    public var isRunning: Bool {
        lifecycle.withLock { $0.runningDaemon } != nil
    }

    /// Binds the address and starts serving.
    ///
    /// The I/O threads are created with `SIGTERM`, `SIGINT`, `SIGHUP`, `SIGQUIT`, `SIGUSR1`, `SIGUSR2` and
    /// `SIGPIPE` blocked, so that those signals always reach the thread that waits for them (see
    /// ``SignalWaiter``).
    ///
    /// - Throws: ``HTTPServerError`` when the configuration is invalid, the server was already started, or the
    ///   address cannot be bound.
    public func start() throws(HTTPServerError) {
        if let problem = configuration.problem {
            throw HTTPServerError(.invalidConfiguration, message: problem)
        }
        guard lifecycle.withLock({ $0.startRequested() }) else {
            throw HTTPServerError(.alreadyStarted, message: "the server was already started")
        }
        core.startupMessages.withLock { $0 = [] }
        let daemon = HTTPServer.withServerSignalsBlocked {
            MHDBridge.startDaemon(core: core, flags: daemonFlags, options: daemonOptions)
        }
        let messages = core.startupMessages.withLock { messages in
            defer { messages = nil }
            return messages ?? []
        }
        for message in messages where daemon != nil {
            configuration.logger.notice("libmicrohttpd: \(message)")
        }
        guard let daemon else {
            lifecycle.withLock { $0.startFailed() }
            let detail = messages.isEmpty ? "libmicrohttpd did not start" : messages.joined(separator: "; ")
            throw HTTPServerError(
                .startFailed,
                message: "cannot listen on \(configuration.address) port \(configuration.port): \(detail)"
            )
        }
        boundPort.store(MHDBridge.boundPort(of: daemon), ordering: .releasing)
        lifecycle.withLock { $0.started(DaemonHandle(daemon)) }
        configuration.logger.info(
            "listening",
            metadata: [
                "address": configuration.address.description,
                "port": String(boundPort.load(ordering: .acquiring)),
                "threads": String(configuration.threadPoolSize),
            ]
        )
    }

    /// Stops the server gracefully.
    ///
    /// New connections are refused at once; requests in flight, deferred ones included, may finish until
    /// `timeout` passes, and their responses close their connections. Then deferred work still running is
    /// abandoned: its clients get 503 (within a grace of at most 250 ms) and the work's eventual result is
    /// dropped. Finally every connection is closed. Calling this again, or on a server that
    /// never started, does nothing.
    ///
    /// - Parameter timeout: How long to wait for requests in flight.
    /// - Returns: Whether every request in flight finished within the timeout.
    @discardableResult
    public func shutdown(timeout: Duration = .seconds(10)) -> Bool {
        guard let daemon = lifecycle.withLock({ $0.shutdownRequested() }) else { return true }
        let started = ContinuousClock.now
        core.isDraining.store(true, ordering: .relaxed)
        let listenSocket = MHD_quiesce_daemon(daemon.pointer)
        if listenSocket >= 0 {
            // Refuse new connections now rather than leaving them in the backlog until the daemon stops.
            _ = Glibc.shutdown(listenSocket, Int32(SHUT_RDWR))
        }
        let deadline = started.advanced(by: timeout)
        while core.inFlight.load(ordering: .relaxed) > 0, ContinuousClock.now < deadline {
            usleep(2000)
        }
        let unfinished = core.inFlight.load(ordering: .relaxed)
        let abandoned = core.closeRegistry()
        for context in abandoned {
            context.deferred.withLock { state in
                if state.abandon(), let connection = context.suspendedConnection {
                    MHD_resume_connection(connection)
                }
            }
        }
        if !abandoned.isEmpty {
            // Give the resumed connections a moment to send their 503 before every connection is closed.
            let graceEnd = ContinuousClock.now.advanced(by: .milliseconds(250))
            while core.inFlight.load(ordering: .relaxed) > unfinished - abandoned.count, ContinuousClock.now < graceEnd
            {
                usleep(1000)
            }
        }
        MHD_stop_daemon(daemon.pointer)
        if listenSocket >= 0 { close(listenSocket) }
        lifecycle.withLock { $0.drained() }
        boundPort.store(0, ordering: .releasing)
        configuration.logger.info(
            "stopped",
            metadata: [
                "unfinished_requests": String(unfinished),
                "abandoned_deferred": String(abandoned.count),
                "duration_ms": String(HTTPServer.milliseconds(ContinuousClock.now - started)),
            ]
        )
        return unfinished == 0
    }

    /// Whole milliseconds of a duration.
    private static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }

    /// The daemon flags: internal epoll threads, suspend/resume, error log, and the address family.
    private var daemonFlags: UInt32 {
        var flags =
            MHD_USE_INTERNAL_POLLING_THREAD.rawValue | MHD_USE_EPOLL.rawValue | MHD_USE_ERROR_LOG.rawValue
            | MHD_ALLOW_SUSPEND_RESUME.rawValue
        if configuration.address.family == .v6 {
            flags |= configuration.address.isUnspecified ? MHD_USE_DUAL_STACK.rawValue : MHD_USE_IPv6.rawValue
        }
        return flags
    }

    /// The numeric options.
    private var daemonOptions: [MHD_OptionItem] {
        var options = [
            MHD_OptionItem(option: .CONNECTION_LIMIT, value: configuration.maxConnections, ptr_value: nil),
            MHD_OptionItem(option: .PER_IP_CONNECTION_LIMIT, value: configuration.maxConnectionsPerIP, ptr_value: nil),
            MHD_OptionItem(option: .CONNECTION_TIMEOUT, value: Int(configuration.idleTimeoutSeconds), ptr_value: nil),
            MHD_OptionItem(
                option: .CONNECTION_MEMORY_LIMIT, value: configuration.connectionMemoryLimit, ptr_value: nil),
            MHD_OptionItem(option: .STRICT_FOR_CLIENT, value: 1, ptr_value: nil),
        ]
        if configuration.threadPoolSize > 1 {
            options.append(
                MHD_OptionItem(option: .THREAD_POOL_SIZE, value: configuration.threadPoolSize, ptr_value: nil))
        }
        return options
    }

    /// Runs `body` with the signals that a ``SignalWaiter`` may wait for blocked, so that threads created inside
    /// inherit the blocked mask.
    private static func withServerSignalsBlocked<T>(_ body: () -> T) -> T {
        var blocked = sigset_t()
        var previous = sigset_t()
        sigemptyset(&blocked)
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGPIPE] {
            sigaddset(&blocked, signal)
        }
        pthread_sigmask(SIG_BLOCK, &blocked, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        return body()
    }
}
