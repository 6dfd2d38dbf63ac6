import Dispatch
import Synchronization

/// A bounded pool that runs deferred handler work off the I/O threads.
///
/// At most `concurrency` jobs run at once, each on its own serial dispatch queue (so the pool gets its threads
/// even when the machine has fewer cores than workers and the jobs block), and at most `maxQueued` wait.
/// Callers reserve a place before suspending a connection, so a full pool is known before anything is
/// suspended.
final class DeferredWorkerPool: Sendable {
    /// A unit of work.
    typealias Job = @Sendable () -> Void

    private struct State {
        var idleWorkers: [Int]
        var waiting: [Job] = []
        var head = 0
        var reserved = 0

        var waitingCount: Int {
            waiting.count - head
        }

        mutating func dequeue() -> Job? {
            guard head < waiting.count else { return nil }
            let job = waiting[head]
            head += 1
            if head == waiting.count {
                waiting.removeAll(keepingCapacity: true)
                head = 0
            } else if head >= 64, head * 2 >= waiting.count {
                waiting.removeFirst(head)
                head = 0
            }
            return job
        }
    }

    private let queues: [DispatchQueue]
    private let maxQueued: Int
    private let state: Mutex<State>

    /// Creates a pool.
    ///
    /// - Parameters:
    ///   - concurrency: The most jobs running at once; at least 1.
    ///   - maxQueued: The most jobs waiting for a worker.
    init(concurrency: Int, maxQueued: Int) {
        let concurrency = max(1, concurrency)
        queues = (0..<concurrency).map { DispatchQueue(label: "keyward.http.deferred.\($0)", qos: .userInitiated) }
        self.maxQueued = maxQueued
        state = Mutex(State(idleWorkers: Array((0..<concurrency).reversed())))
    }

    /// Reserves room for one job; `false` when the pool and its queue are full.
    func reserve() -> Bool {
        state.withLock { state in
            let busy = queues.count - state.idleWorkers.count
            let committed = busy + state.waitingCount + state.reserved
            guard committed < queues.count + maxQueued else { return false }
            state.reserved += 1
            return true
        }
    }

    /// Gives back a reservation that will not be used.
    func cancelReservation() {
        state.withLock { $0.reserved -= 1 }
    }

    /// Runs `job` on a free worker, or queues it; consumes a reservation.
    func submit(_ job: @escaping Job) {
        let worker: Int? = state.withLock { state in
            state.reserved -= 1
            if let worker = state.idleWorkers.popLast() { return worker }
            state.waiting.append(job)
            return nil
        }
        if let worker { run(job, on: worker) }
    }

    /// Runs `job`, then whatever is waiting, on one worker's queue.
    private func run(_ job: @escaping Job, on worker: Int) {
        queues[worker].async { [self] in
            var next: Job? = job
            while let current = next {
                current()
                next = state.withLock { state in
                    if let queued = state.dequeue() { return queued }
                    state.idleWorkers.append(worker)
                    return nil
                }
            }
        }
    }
}
