import Dispatch
import KeywardCore
import Synchronization

/// A bounded set of PostgreSQL connections, each lent to one caller at a time.
///
/// Connections are opened lazily up to ``capacity``; a caller that finds them all lent waits
/// (blocking its thread) for at most ``waitTimeout``, then fails as `unavailable`.
///
/// Dead connections never reach a caller twice: a connection whose statement failed with a
/// connection error is discarded at checkin; an idle connection is checked at checkout without a
/// round trip (``PostgresConnection/isUsableWhenIdle()``); and when any connection is found dead,
/// the pool's generation moves on, so every idle connection opened before it (a server restart
/// kills them all at once) is closed and replaced by a fresh one on its next checkout.
final class PostgresConnectionPool: Sendable {
    private struct State {
        var idle: [PostgresConnection] = []
        var openCount = 0
        var generation = 0
        var isClosed = false
    }

    /// The most connections open at once.
    let capacity: Int
    /// How long a caller waits for a free connection.
    let waitTimeout: DispatchTimeInterval

    private let slots: DispatchSemaphore
    private let state = Mutex(State())
    private let open: @Sendable () throws -> PostgresConnection

    /// Creates a pool that opens connections with `open`, up to `capacity`.
    init(
        capacity: Int,
        waitTimeout: DispatchTimeInterval = .seconds(30),
        open: @escaping @Sendable () throws -> PostgresConnection
    ) {
        precondition(capacity >= 1, "invalid pool capacity")
        self.capacity = capacity
        self.waitTimeout = waitTimeout
        self.slots = DispatchSemaphore(value: capacity)
        self.open = open
    }

    /// Lends a connection; return it with ``checkin(_:)``.
    func checkout() throws -> PostgresConnection {
        guard slots.wait(timeout: .now() + waitTimeout) == .success else {
            throw KeywardError(.unavailable, "The database is busy: no connection became free in time.")
        }
        while true {
            let lease = state.withLock { state -> Lease in
                if state.isClosed { return .closed }
                if let connection = state.idle.popLast() { return .reuse(connection, state.generation) }
                state.openCount += 1
                return .openNew(state.generation)
            }
            switch lease {
            case .closed:
                slots.signal()
                throw Self.closedError
            case .reuse(let connection, let generation):
                if connection.generation == generation && connection.isUsableWhenIdle() { return connection }
                discard(connection, retiring: connection.generation == generation)
            // Try the next idle connection, or open a new one; the slot is still ours.
            case .openNew(let generation):
                do {
                    let connection = try open()
                    connection.generation = generation
                    return connection
                } catch {
                    state.withLock { $0.openCount -= 1 }
                    slots.signal()
                    throw error
                }
            }
        }
    }

    /// Takes a connection back: kept for the next caller when it is healthy and out of any
    /// transaction, closed otherwise.
    func checkin(_ connection: PostgresConnection) {
        let healthy = !connection.isBroken && !connection.isClosed && !connection.isInTransaction
        if !healthy {
            discard(connection, retiring: connection.isBroken)
            slots.signal()
            return
        }
        let keep = state.withLock { state -> Bool in
            guard !state.isClosed, connection.generation == state.generation else {
                state.openCount -= 1
                return false
            }
            state.idle.append(connection)
            return true
        }
        if !keep { connection.close() }
        slots.signal()
    }

    /// Closes idle connections now and the others as they are returned; later checkouts fail.
    func close() {
        let idle = state.withLock { state in
            state.isClosed = true
            let idle = state.idle
            state.idle.removeAll()
            state.openCount -= idle.count
            return idle
        }
        for connection in idle { connection.close() }
    }

    /// Whether ``close()`` was called.
    var isClosed: Bool { state.withLock { $0.isClosed } }

    /// How many connections are open (idle or lent).
    var openCount: Int { state.withLock { $0.openCount } }

    /// The error for a checkout after ``close()``.
    static let closedError = KeywardError(.unavailable, "The store is closed.")

    private enum Lease {
        case reuse(PostgresConnection, Int)
        case openNew(Int)
        case closed
    }

    /// Closes a connection that will not be lent again. A dead one (`retiring`) ends its
    /// generation: its idle siblings most likely died with it.
    private func discard(_ connection: PostgresConnection, retiring: Bool) {
        state.withLock { state in
            state.openCount -= 1
            if retiring && connection.generation == state.generation { state.generation += 1 }
        }
        connection.close()
    }
}
