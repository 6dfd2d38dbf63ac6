import Glibc
import Synchronization
import Testing

@testable import KeywardHTTP

@Suite("State machines and the worker pool")
struct StateMachineTests {
    @Test("Lifecycle: start, fail, run, drain, stop")
    func lifecycle() {
        var lifecycle = ServerLifecycle<Int>()
        var accepted = lifecycle.startRequested()
        #expect(accepted)
        accepted = lifecycle.startRequested()
        #expect(!accepted)
        lifecycle.startFailed()
        accepted = lifecycle.startRequested()
        #expect(accepted)
        lifecycle.started(7)
        #expect(lifecycle.runningDaemon == 7)
        accepted = lifecycle.startRequested()
        #expect(!accepted)
        var daemon = lifecycle.shutdownRequested()
        #expect(daemon == 7)
        #expect(lifecycle.runningDaemon == nil)
        daemon = lifecycle.shutdownRequested()
        #expect(daemon == nil)
        lifecycle.drained()
        daemon = lifecycle.shutdownRequested()
        #expect(daemon == nil)
        accepted = lifecycle.startRequested()
        #expect(!accepted)
    }

    @Test("Lifecycle: a shutdown before any start stops for good")
    func shutdownBeforeStart() {
        var lifecycle = ServerLifecycle<Int>()
        let daemon = lifecycle.shutdownRequested()
        #expect(daemon == nil)
        let accepted = lifecycle.startRequested()
        #expect(!accepted)
    }

    @Test("Deferred state: exactly one party resumes")
    func deferredState() {
        var finished = DeferredState()
        var mustResume = finished.finish(.text("a"))
        #expect(mustResume)
        mustResume = finished.abandon()
        #expect(!mustResume)
        mustResume = finished.finish(.text("b"))
        #expect(!mustResume)
        var response = finished.takeResponse()
        #expect(response?.body == Array("a".utf8))
        response = finished.takeResponse()
        #expect(response == nil)

        var abandoned = DeferredState()
        #expect(!abandoned.isAbandoned)
        mustResume = abandoned.abandon()
        #expect(mustResume)
        #expect(abandoned.isAbandoned)
        mustResume = abandoned.finish(.text("late"))
        #expect(!mustResume)
        response = abandoned.takeResponse()
        #expect(response == nil)
    }

    @Test("The worker pool bounds running and waiting jobs")
    func pool() {
        let pool = DeferredWorkerPool(concurrency: 2, maxQueued: 1)
        let gate = Atomic<Bool>(false)
        let running = Atomic<Int>(0)
        let peak = Atomic<Int>(0)
        let done = Atomic<Int>(0)
        for _ in 0..<3 {
            #expect(pool.reserve())
            pool.submit {
                let now = running.add(1, ordering: .relaxed).newValue
                _ = peak.max(now, ordering: .relaxed)
                while !gate.load(ordering: .acquiring) { usleep(1000) }
                running.subtract(1, ordering: .relaxed)
                done.add(1, ordering: .relaxed)
            }
        }
        #expect(!pool.reserve())
        gate.store(true, ordering: .releasing)
        let deadline = ContinuousClock.now + .seconds(5)
        while done.load(ordering: .relaxed) < 3, ContinuousClock.now < deadline { usleep(1000) }
        #expect(done.load(ordering: .relaxed) == 3)
        #expect(peak.load(ordering: .relaxed) <= 2)
        #expect(pool.reserve())
        pool.cancelReservation()
    }
}
