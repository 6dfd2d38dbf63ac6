import KeywardSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension HTTPServer {
    /// Where the server listens, how many threads it uses, and the limits that protect it.
    ///
    /// Every limit has a default suited to an API server on the public internet behind a reverse proxy.
    public struct Configuration: Sendable {
        /// The address to listen on: a loopback address, one interface, or `0.0.0.0` / `::` for all (`::` also
        /// accepts IPv4 clients, reported as their IPv4 address).
        public var address: IPAddress
        /// The TCP port; 0 picks a free port, which ``HTTPServer/port`` reports once started.
        public var port: UInt16
        /// The number of I/O threads, each with its own epoll loop. Default: the number of online CPUs, at least
        /// 2. A value of 1 runs a single thread, which libmicrohttpd 0.9.75 stalls at 128 keep-alive
        /// connections: use it in tests only.
        public var threadPoolSize: Int
        /// The largest request body; larger ones get 413 Content Too Large. Default 1 MiB.
        public var maxBodyBytes: Int
        /// The largest request head (request line and headers). Larger heads are answered with 431 Request
        /// Header Fields Too Large (414 URI Too Long for an overlong request line) and the connection is closed.
        /// Default 16 KiB. It also sizes libmicrohttpd's per-connection memory pool, so a head made of thousands of
        /// tiny headers is refused below this size.
        public var maxHeaderBytes: Int
        /// The most simultaneous connections; further ones are accepted and closed at once. Default 4096.
        public var maxConnections: Int
        /// The most simultaneous connections from one IP address; 0, the default, means no limit (benchmarks
        /// and reverse proxies open hundreds of connections from one address).
        public var maxConnectionsPerIP: Int
        /// How long a connection may stay without any traffic (idle keep-alive, or a client that stalls in the
        /// middle of a request) before it is closed; whole seconds, at least 1. Default 30 seconds.
        public var idleTimeout: Duration
        /// The reverse proxies whose `X-Forwarded-For`, `X-Forwarded-Proto` and `X-Request-Id` headers are
        /// believed; empty by default, so no forwarding header is believed.
        public var trustedProxies: [IPNetwork]
        /// How many deferred handlers (``HandlerResult/deferred(_:)``) run at once. Default 4.
        public var deferredConcurrency: Int
        /// How many deferred handlers may wait for a worker; beyond that, requests that defer get 503 Service
        /// Unavailable at once rather than queueing without bound. Default 1024.
        public var maxQueuedDeferred: Int
        /// The limits of the form parser, for handlers that call ``Request/form(using:)``.
        public var formParser: FormParser
        /// The logger for the server's own events (start, stop, libmicrohttpd errors); label `http`.
        public var logger: Logger
        /// The logger for the access log, one line per request; label `access`. `nil` disables the access log.
        public var accessLogger: Logger?

        /// Creates a configuration with the default limits.
        ///
        /// - Parameters:
        ///   - address: The address to listen on; loopback by default.
        ///   - port: The port; 0 for an ephemeral one.
        public init(address: IPAddress = .loopbackV4, port: UInt16 = 8080) {
            self.address = address
            self.port = port
            self.threadPoolSize = max(2, Configuration.onlineProcessorCount)
            self.maxBodyBytes = 1 << 20
            self.maxHeaderBytes = 16 << 10
            self.maxConnections = 4096
            self.maxConnectionsPerIP = 0
            self.idleTimeout = .seconds(30)
            self.trustedProxies = []
            self.deferredConcurrency = 4
            self.maxQueuedDeferred = 1024
            self.formParser = FormParser()
            self.logger = Logger(label: "http")
            self.accessLogger = Logger(label: "access")
        }

        /// The number of online CPUs.
        static var onlineProcessorCount: Int {
            max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        }

        /// The idle timeout in whole seconds, rounded up, at least 1.
        var idleTimeoutSeconds: UInt32 {
            let (seconds, attoseconds) = idleTimeout.components
            let rounded = seconds + (attoseconds > 0 ? 1 : 0)
            return UInt32(clamping: max(1, rounded))
        }

        /// libmicrohttpd's per-connection memory pool. It holds the request head, the parsed header list and the
        /// response head, and libmicrohttpd clears it after every request, so it should be no larger than needed:
        /// the head limit plus 16 KiB (32 KiB, libmicrohttpd's default, for the default limit). A head that fits
        /// the pool but exceeds ``maxHeaderBytes`` is answered with 431 by the server; one that does not fit the
        /// pool (a flood of tiny headers) is answered with 431 by libmicrohttpd.
        var connectionMemoryLimit: Int {
            maxHeaderBytes + 16 * 1024
        }

        /// The first violated constraint, or `nil`.
        var problem: String? {
            if threadPoolSize < 1 { return "threadPoolSize must be at least 1" }
            if maxBodyBytes < 0 { return "maxBodyBytes must not be negative" }
            if maxHeaderBytes < 1024 { return "maxHeaderBytes must be at least 1024" }
            if maxConnections < 1 { return "maxConnections must be at least 1" }
            if maxConnectionsPerIP < 0 { return "maxConnectionsPerIP must not be negative" }
            if deferredConcurrency < 1 { return "deferredConcurrency must be at least 1" }
            if maxQueuedDeferred < 0 { return "maxQueuedDeferred must not be negative" }
            return nil
        }
    }
}
