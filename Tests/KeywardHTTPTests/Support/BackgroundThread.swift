import Glibc
import Synchronization

/// Runs a blocking closure on its own POSIX thread (never on the Swift concurrency pool, which blocking socket
/// calls would starve).
final class BackgroundThread<Result: Sendable>: Sendable {
    private let slot: ResultSlot<Result>
    private let thread: ThreadHandle

    /// Starts `body` at once.
    init(_ body: @escaping @Sendable () -> Result) {
        let slot = ResultSlot<Result>()
        self.slot = slot
        self.thread = ThreadHandle.start { slot.store(body()) }
    }

    /// Waits for the thread and returns its result.
    func join() -> Result {
        thread.join()
        return slot.load()!
    }
}

/// A started POSIX thread.
struct ThreadHandle: @unchecked Sendable {
    let thread: pthread_t

    /// Starts a thread running `body`.
    static func start(_ body: @escaping @Sendable () -> Void) -> ThreadHandle {
        let box = Unmanaged.passRetained(ClosureBox(body)).toOpaque()
        var thread = pthread_t()
        let status = pthread_create(&thread, nil, runClosureBox, box)
        precondition(status == 0, "pthread_create failed")
        return ThreadHandle(thread: thread)
    }

    /// Waits for the thread to end.
    func join() {
        pthread_join(thread, nil)
    }
}

/// The entry point of threads started by ``ThreadHandle``.
private func runClosureBox(_ argument: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    guard let argument else { return nil }
    Unmanaged<ClosureBox>.fromOpaque(argument).takeRetainedValue().body()
    return nil
}

/// A closure on the heap, for passing through `void *`.
private final class ClosureBox: Sendable {
    let body: @Sendable () -> Void

    init(_ body: @escaping @Sendable () -> Void) {
        self.body = body
    }
}

/// Holds the result of a thread.
final class ResultSlot<Value: Sendable>: Sendable {
    private let value = Mutex<Value?>(nil)

    func store(_ newValue: Value) {
        value.withLock { $0 = newValue }
    }

    func load() -> Value? {
        value.withLock { $0 }
    }
}

/// A flag one thread raises and another waits for.
final class Flag: Sendable {
    private let raised = Atomic<Bool>(false)

    func raise() {
        raised.store(true, ordering: .releasing)
    }

    /// Waits up to `timeout` for the flag; whether it was raised.
    func wait(timeout: Duration = .seconds(5)) -> Bool {
        let deadline = ContinuousClock.now + timeout
        while !raised.load(ordering: .acquiring) {
            if ContinuousClock.now > deadline { return false }
            usleep(1000)
        }
        return true
    }
}
