import KeywardCore
import Testing

@testable import KeywardPostgres

@Suite("PostgreSQL change listener: reconnect policy")
struct ListenerBackoffTests {
    @Test("The first LISTEN reports changed; every later one resync")
    func notifications() {
        var backoff = ListenerBackoff()
        #expect(backoff.listening() == .changed)
        #expect(backoff.lost() == .zero)
        #expect(backoff.listening() == .resync)
        _ = backoff.failed(jitter: 1)
        #expect(backoff.listening() == .resync)
    }

    @Test("Failed attempts back off exponentially to a ceiling, and a success resets them")
    func delays() {
        var backoff = ListenerBackoff()
        let delays = (0..<8).map { _ in backoff.failed(jitter: 1) }
        #expect(
            delays == [
                .milliseconds(50), .milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800),
                .milliseconds(1600), .seconds(2), .seconds(2),
            ])
        #expect(backoff.listening() == .changed)
        #expect(backoff.failed(jitter: 1) == .milliseconds(50))
        #expect(backoff.failed(jitter: 0.8) == .milliseconds(80))
    }

    @Test("A failure before the first connection still reports changed when it listens")
    func failureFirst() {
        var backoff = ListenerBackoff()
        _ = backoff.failed(jitter: 1)
        _ = backoff.failed(jitter: 1)
        #expect(backoff.consecutiveFailures == 2)
        #expect(backoff.listening() == .changed)
        #expect(backoff.consecutiveFailures == 0)
    }
}
