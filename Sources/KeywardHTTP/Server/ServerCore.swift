import CKeywardMHD
import KeywardSupport
import Synchronization

/// The state behind libmicrohttpd's callbacks: configuration, responder, counters and the deferred-work
/// registry.
///
/// ``HTTPServer`` owns it and keeps it alive for as long as the daemon runs; the callbacks reach it through the
/// unretained `cls` pointer.
final class ServerCore: Sendable {
    /// The deferred requests that a shutdown may have to abandon.
    struct Registry: Sendable {
        /// Whether a shutdown has taken over: no more deferrals.
        var isClosed = false
        /// The suspended requests by identity.
        var contexts: [ObjectIdentifier: RequestContext] = [:]
    }

    let configuration: HTTPServer.Configuration
    let responder: @Sendable (Request) -> Router.Dispatch
    let pool: DeferredWorkerPool
    /// Requests between their request line and their completion.
    let inFlight = Atomic<Int>(0)
    /// Whether the server is shutting down (responses then close their connections).
    let isDraining = Atomic<Bool>(false)
    let registry = Mutex(Registry())
    /// libmicrohttpd's messages while ``HTTPServer/start()`` runs, for the error it may throw.
    let startupMessages = Mutex<[String]?>(nil)

    /// Creates the core of a server.
    init(configuration: HTTPServer.Configuration, responder: @escaping @Sendable (Request) -> Router.Dispatch) {
        self.configuration = configuration
        self.responder = responder
        self.pool = DeferredWorkerPool(
            concurrency: configuration.deferredConcurrency,
            maxQueued: configuration.maxQueuedDeferred
        )
    }

    /// Records a message from libmicrohttpd.
    func logLibraryMessage(_ message: String) {
        let capturing = startupMessages.withLock { messages -> Bool in
            guard messages != nil else { return false }
            messages?.append(message)
            return true
        }
        if !capturing {
            configuration.logger.notice("libmicrohttpd: \(message)")
        }
    }

    /// Registers a request that is about to be suspended; `false` once a shutdown has closed the registry.
    func registerDeferred(_ context: RequestContext) -> Bool {
        registry.withLock { registry in
            guard !registry.isClosed else { return false }
            registry.contexts[ObjectIdentifier(context)] = context
            return true
        }
    }

    /// Forgets a deferred request whose work is over.
    func unregisterDeferred(_ context: RequestContext) {
        _ = registry.withLock { $0.contexts.removeValue(forKey: ObjectIdentifier(context)) }
    }

    /// Closes the registry and returns the requests still suspended.
    func closeRegistry() -> [RequestContext] {
        registry.withLock { registry in
            registry.isClosed = true
            return Array(registry.contexts.values)
        }
    }
}
