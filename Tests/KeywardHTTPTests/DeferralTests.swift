import Glibc
import KeywardHTTP
import KeywardSupport
import Testing

@Suite("Deferred work")
struct DeferralTests {
    static func router(started: Flag? = nil, sleep: Duration = .milliseconds(500)) -> Router {
        var router = Router()
        router.get("/fast") { _ in .text("fast") }
        router.on(.post, "/slow") { request in
            let body = request.body
            return .deferred {
                started?.raise()
                usleep(UInt32(sleep.components.seconds * 1_000_000 + sleep.components.attoseconds / 1_000_000_000_000))
                return .text("slow \(body.count)")
            }
        }
        return router
    }

    @Test("A slow deferred handler does not delay other connections on the same I/O thread")
    func otherConnectionsFlow() throws {
        let started = Flag()
        let server = try TestServer(router: Self.router(started: started)) { $0.threadPoolSize = 1 }
        defer { server.stop() }
        let port = server.port
        let clock = ContinuousClock()
        let slowStart = clock.now
        let slow = BackgroundThread { () -> (Int, String, Duration)? in
            guard let client = try? RawHTTPClient(port: port),
                let response = try? client.request("POST", "/slow", body: Array("abc".utf8))
            else { return nil }
            return (response.status, response.text, ContinuousClock.now - slowStart)
        }
        #expect(started.wait())
        let client = try server.client()
        var worst = Duration.zero
        for _ in 0..<20 {
            let begin = clock.now
            #expect(try client.request("GET", "/fast").text == "fast")
            worst = max(worst, clock.now - begin)
        }
        let fastDone = clock.now - slowStart
        let (status, text, slowElapsed) = try #require(slow.join())
        #expect(status == 200)
        #expect(text == "slow 3")
        #expect(slowElapsed >= .milliseconds(480))
        #expect(fastDone < .milliseconds(450), "fast requests finished \(fastDone) after the slow one began")
        #expect(worst < .milliseconds(200), "worst fast request took \(worst)")
    }

    @Test("Deferred handlers run concurrently up to the configured limit")
    func concurrency() throws {
        let server = try TestServer(router: Self.router(sleep: .milliseconds(300))) { $0.deferredConcurrency = 4 }
        defer { server.stop() }
        let port = server.port
        let clock = ContinuousClock()
        let start = clock.now
        let threads = (0..<4).map { _ in
            BackgroundThread { () -> Int in
                (try? RawHTTPClient(port: port).request("POST", "/slow").status) ?? 0
            }
        }
        #expect(threads.map { $0.join() } == [200, 200, 200, 200])
        #expect(clock.now - start < .milliseconds(1100))
    }

    @Test("When the deferred queue is full, requests get 503 at once")
    func backpressure() throws {
        let started = Flag()
        let server = try TestServer(router: Self.router(started: started, sleep: .milliseconds(400))) {
            $0.deferredConcurrency = 1
            $0.maxQueuedDeferred = 0
        }
        defer { server.stop() }
        let port = server.port
        let busy = BackgroundThread { () -> Int in
            (try? RawHTTPClient(port: port).request("POST", "/slow").status) ?? 0
        }
        #expect(started.wait())
        let clock = ContinuousClock()
        let start = clock.now
        let refused = try server.client().request("POST", "/slow")
        #expect(refused.status == 503)
        #expect(clock.now - start < .milliseconds(200))
        #expect(busy.join() == 200)
        // The worker frees its slot just after the response goes out; capacity is back within moments.
        var status = 0
        for _ in 0..<50 {
            status = try server.client().request("POST", "/slow").status
            if status == 200 { break }
            usleep(10_000)
        }
        #expect(status == 200)
    }

    @Test("Keep-alive continues after a deferred response")
    func keepAliveAfterDeferral() throws {
        let server = try TestServer(router: Self.router(sleep: .milliseconds(10)))
        defer { server.stop() }
        let client = try server.client()
        for index in 0..<5 {
            #expect(
                try client.request("POST", "/slow", body: Array(repeating: 1, count: index)).text == "slow \(index)")
            #expect(try client.request("GET", "/fast").text == "fast")
        }
    }
}
