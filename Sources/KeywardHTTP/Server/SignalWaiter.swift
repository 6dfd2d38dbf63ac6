#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Waits for termination signals so that an executable can shut its server down gracefully.
///
/// Creating a waiter blocks its signals in the calling thread and in every thread started from it afterwards;
/// ``wait()`` then takes them with `sigwait(3)`, outside any signal handler. Create it first thing in `main`,
/// before starting threads: a thread that does not block a signal could receive it and die of the default
/// action. (``HTTPServer`` blocks these signals in its own threads regardless, and Dispatch's threads block
/// them too.)
///
/// ```swift
/// let waiter = SignalWaiter()
/// try server.start()
/// let signal = waiter.wait()
/// logger.info("received \(signal), shutting down")
/// server.shutdown(timeout: .seconds(10))
/// ```
public struct SignalWaiter: Sendable {
    /// A POSIX signal.
    public struct Signal: Hashable, Sendable, CustomStringConvertible {
        /// The signal number.
        public let rawValue: Int32

        /// Creates a signal from its number.
        public init(rawValue: Int32) {
            self.rawValue = rawValue
        }

        /// `SIGTERM`: the polite request to stop, sent by service managers and `docker stop`.
        public static let terminate = Signal(rawValue: SIGTERM)
        /// `SIGINT`: Control-C.
        public static let interrupt = Signal(rawValue: SIGINT)
        /// `SIGHUP`: the terminal went away, or a request to reload.
        public static let hangup = Signal(rawValue: SIGHUP)

        /// The name, such as `SIGTERM`.
        public var description: String {
            switch rawValue {
            case SIGTERM: "SIGTERM"
            case SIGINT: "SIGINT"
            case SIGHUP: "SIGHUP"
            case SIGQUIT: "SIGQUIT"
            case SIGUSR1: "SIGUSR1"
            case SIGUSR2: "SIGUSR2"
            default: "signal \(rawValue)"
            }
        }
    }

    /// The signals this waiter takes.
    public let signals: [Signal]

    /// Blocks `signals` in the calling thread (and the threads it starts from now on).
    ///
    /// - Parameter signals: The signals to wait for; `SIGTERM` and `SIGINT` by default.
    public init(_ signals: [Signal] = [.terminate, .interrupt]) {
        self.signals = signals
        var set = signalSet
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    /// Blocks the calling thread until one of the signals arrives, and returns it.
    ///
    /// Call it from the thread that created the waiter, or from a thread started after it.
    public func wait() -> Signal {
        var set = signalSet
        pthread_sigmask(SIG_BLOCK, &set, nil)
        while true {
            var received: Int32 = 0
            if sigwait(&set, &received) == 0 {
                return Signal(rawValue: received)
            }
        }
    }

    /// Blocks `SIGTERM` and `SIGINT`, then waits for one of them; for executables whose other threads all block
    /// these signals (as ``HTTPServer``'s do).
    public static func waitForTermination() -> Signal {
        SignalWaiter().wait()
    }

    /// The signals as a `sigset_t`.
    private var signalSet: sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in signals { sigaddset(&set, signal.rawValue) }
        return set
    }
}
