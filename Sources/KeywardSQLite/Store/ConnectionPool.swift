import Dispatch
import KeywardCore
import Synchronization

/// A bounded set of connections, each lent to one caller at a time.
///
/// Connections are opened lazily up to ``capacity``. A caller that finds them all in use waits
/// (blocking its thread) until one is returned, for at most ``waitTimeout``; that bound turns a
/// stuck caller elsewhere into an `unavailable` error here instead of a silent hang.
final class ConnectionPool: Sendable {
    private struct State {
        var idle: [SQLiteConnection]
        var openCount: Int
        var isClosed = false
    }

    /// The most connections open at once.
    let capacity: Int
    /// How long a caller waits for a free connection.
    let waitTimeout: DispatchTimeInterval

    private let slots: DispatchSemaphore
    private let state: Mutex<State>
    private let open: @Sendable () throws -> SQLiteConnection

    /// Creates a pool that lends `initial` first and opens more with `open`, up to `capacity`.
    init(
        capacity: Int,
        initial: [SQLiteConnection] = [],
        waitTimeout: DispatchTimeInterval = .seconds(30),
        open: @escaping @Sendable () throws -> SQLiteConnection
    ) {
        precondition(capacity >= 1 && initial.count <= capacity, "invalid pool capacity")
        self.capacity = capacity
        self.waitTimeout = waitTimeout
        self.slots = DispatchSemaphore(value: capacity)
        self.state = Mutex(State(idle: initial, openCount: initial.count))
        self.open = open
    }

    /// Runs `body` with a connection that no other caller uses until `body` returns.
    func withConnection<T>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        let connection = try checkout()
        defer { checkin(connection) }
        return try body(connection)
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

    private enum Lease {
        case reuse(SQLiteConnection)
        case openNew
        case closed
    }

    private func checkout() throws -> SQLiteConnection {
        guard slots.wait(timeout: .now() + waitTimeout) == .success else {
            throw KeywardError(.unavailable, "The database is busy: no connection became free in time.")
        }
        let lease = state.withLock { state -> Lease in
            if state.isClosed { return .closed }
            if let connection = state.idle.popLast() { return .reuse(connection) }
            state.openCount += 1
            return .openNew
        }
        switch lease {
        case .reuse(let connection):
            return connection
        case .closed:
            slots.signal()
            throw Self.closedError
        case .openNew:
            do {
                return try open()
            } catch {
                state.withLock { $0.openCount -= 1 }
                slots.signal()
                throw error
            }
        }
    }

    private func checkin(_ connection: SQLiteConnection) {
        let keep = state.withLock { state -> Bool in
            if state.isClosed || connection.isBroken || connection.isClosed {
                state.openCount -= 1
                return false
            }
            state.idle.append(connection)
            return true
        }
        if !keep { connection.close() }
        slots.signal()
    }

    /// The error for a checkout after ``close()``.
    static let closedError = KeywardError(.unavailable, "The store is closed.")
}
