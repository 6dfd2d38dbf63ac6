import Dispatch
import FoundationEssentials
import KeywardCore
import KeywardSupport
import Synchronization

/// Background upkeep on one serial queue: follows the change feed, writes coalesced last-access
/// records and legacy-login uses, reloads the index as a safety net and prunes the change feed.
///
/// ``stop()`` cancels the timers and performs a final flush, so nothing recorded in memory is lost
/// on a graceful shutdown.
public final class Maintenance: Sendable {
    /// How often each task runs, in seconds.
    public struct Intervals: Sendable {
        /// Following the change feed (changes made by the CLI or other nodes).
        public var follow: Double = 0.25
        /// Writing last-access records.
        public var flush: Double = 2
        /// A full index reload, in case a change was missed.
        public var reload: Double = 300
        /// Pruning change-feed entries older than a day.
        public var prune: Double = 3_600

        /// The defaults.
        public init() {}
    }

    private let queue = DispatchQueue(label: "keyward.maintenance")
    /// Touched only on `queue`.
    private nonisolated(unsafe) var timers: [DispatchSourceTimer] = []
    private let endpoint: APIEndpoint
    private let logger: Logger
    private let intervals: Intervals
    private let failing = Mutex<Bool>(false)

    /// Creates the upkeep for an endpoint's services.
    public init(endpoint: APIEndpoint, intervals: Intervals = Intervals(), logger: Logger) {
        self.endpoint = endpoint
        self.intervals = intervals
        self.logger = logger
    }

    private var services: APIEndpoint.Services { endpoint.services }

    /// Starts the timers, and subscribes to pushed changes when the store offers them.
    public func start() {
        if let notifying = services.management.store as? any ChangeNotifying {
            notifying.observeChanges { [self] notification in
                queue.async {
                    switch notification {
                    case .changed: self.follow()
                    case .resync: self.reload()
                    }
                }
            }
        }
        queue.sync {
            schedule(every: intervals.follow) { [self] in follow() }
            schedule(every: intervals.flush) { [self] in flush() }
            schedule(every: intervals.reload) { [self] in reload() }
            schedule(every: intervals.prune) { [self] in prune() }
        }
    }

    /// Stops the timers and writes what is still pending.
    public func stop() {
        queue.sync {
            for timer in timers { timer.cancel() }
            timers.removeAll()
            flush()
        }
    }

    /// Applies new change-feed entries now.
    public func follow() {
        do {
            try services.index.catchUp(from: services.management.store)
            recovered()
        } catch {
            failed("following the change feed failed", error)
        }
    }

    /// Writes coalesced last-access records and legacy-login uses now.
    public func flush() {
        do {
            try services.lastAccess.flush(to: services.management.store)
        } catch {
            failed("writing last access failed", error)
        }
        for (use, count) in services.legacyLogins.drainUses() {
            do {
                try services.management.record(
                    "api.legacy_login",
                    target: ("admin", use.adminID, use.username),
                    details: ["count": String(count), "deprecated": "username + MD5(password) API login"],
                    context: AuditContext(
                        actor: AuditActor(kind: .admin, id: use.adminID, label: use.username), clientIP: use.ip)
                )
            } catch {
                failed("recording legacy logins failed", error)
            }
        }
    }

    private func reload() {
        do {
            try services.index.reload(from: services.management.store)
        } catch {
            failed("reloading the index failed", error)
        }
    }

    private func prune() {
        let cutoff = services.management.clock.now().addingTimeInterval(-86_400)
        do {
            try services.management.store.write { tx in try tx.pruneChanges(before: cutoff) }
        } catch {
            failed("pruning the change feed failed", error)
        }
    }

    private func schedule(every seconds: Double, _ work: @escaping @Sendable () -> Void) {
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + seconds, repeating: seconds, leeway: .milliseconds(10))
        timer.setEventHandler(handler: work)
        timers.append(timer)
        timer.resume()
    }

    /// Logs the first failure of a streak, not every retry.
    private func failed(_ message: String, _ error: any Error) {
        let first = failing.withLock { failing in
            defer { failing = true }
            return !failing
        }
        if first { logger.error("\(message)", metadata: ["error": "\(error)"]) }
    }

    private func recovered() {
        let was = failing.withLock { failing in
            defer { failing = false }
            return failing
        }
        if was { logger.info("database reachable again; index caught up") }
    }
}
