import Glibc
import KeywardHTTP
import Testing

@Suite("Signal waiter")
struct SignalWaiterTests {
    @Test("wait() returns the signal sent to its thread")
    func receivesSignal() {
        let ready = Flag()
        let threadID = ResultSlot<pthread_t>()
        let waiter = BackgroundThread { () -> SignalWaiter.Signal in
            let waiter = SignalWaiter([SignalWaiter.Signal(rawValue: SIGUSR2)])
            threadID.store(pthread_self())
            ready.raise()
            return waiter.wait()
        }
        #expect(ready.wait())
        if let thread = threadID.load() {
            pthread_kill(thread, SIGUSR2)
        }
        let signal = waiter.join()
        #expect(signal.rawValue == SIGUSR2)
        #expect(signal.description == "SIGUSR2")
        #expect(SignalWaiter.Signal.terminate.description == "SIGTERM")
        #expect(SignalWaiter.Signal.interrupt.description == "SIGINT")
        #expect(SignalWaiter().signals == [.terminate, .interrupt])
    }
}
