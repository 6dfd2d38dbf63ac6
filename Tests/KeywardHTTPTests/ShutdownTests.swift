import Glibc
import KeywardHTTP
import KeywardSupport
import Testing

@Suite("Graceful shutdown")
struct ShutdownTests {
    @Test("An in-flight deferred request completes while shutdown waits; new connections are refused")
    func drains() throws {
        let started = Flag()
        let server = try TestServer(router: DeferralTests.router(started: started, sleep: .milliseconds(400)))
        let port = server.port
        let inFlight = BackgroundThread { () -> (Int, String?)? in
            guard let response = try? RawHTTPClient(port: port).request("POST", "/slow", body: [1, 2]) else {
                return nil
            }
            return (response.status, response.headers["Connection"])
        }
        #expect(started.wait())
        let clock = ContinuousClock()
        let begin = clock.now
        let refusedDuring = BackgroundThread { () -> Bool in
            usleep(100_000)
            return (try? RawHTTPClient(port: port, timeout: .seconds(1)).request("GET", "/fast")) == nil
        }
        let drained = server.server.shutdown(timeout: .seconds(5))
        #expect(drained)
        #expect(clock.now - begin >= .milliseconds(250))
        let (status, connection) = try #require(inFlight.join())
        #expect(status == 200)
        #expect(connection?.lowercased() == "close")
        #expect(refusedDuring.join())
        #expect(throws: RawClientError.self) { try RawHTTPClient(port: port) }
        #expect(!server.server.isRunning)
        #expect(server.server.port == nil)
        // A second shutdown is harmless.
        #expect(server.server.shutdown(timeout: .zero))
    }

    @Test("Work that outlives the timeout is abandoned with 503 and cannot touch the stopped server")
    func timeout() throws {
        let started = Flag()
        let server = try TestServer(router: DeferralTests.router(started: started, sleep: .milliseconds(800)))
        let port = server.port
        let inFlight = BackgroundThread { () -> Int in
            (try? RawHTTPClient(port: port).request("POST", "/slow").status) ?? 0
        }
        #expect(started.wait())
        let drained = server.server.shutdown(timeout: .milliseconds(100))
        #expect(!drained)
        let status = inFlight.join()
        #expect(status == 503)
        // Let the abandoned work finish: it must not resume a connection of the stopped daemon.
        usleep(900_000)
        #expect(throws: RawClientError.self) { try RawHTTPClient(port: port) }
    }

    @Test("Shutting down a server that never started does nothing")
    func neverStarted() throws {
        let server = HTTPServer(configuration: .init(port: 0), router: Router())
        #expect(server.shutdown())
        #expect(throws: HTTPServerError.self) { try server.start() }
    }

    @Test("Idle keep-alive connections do not hold up a shutdown")
    func idleConnections() throws {
        let server = try TestServer(router: DeferralTests.router())
        let client = try server.client()
        #expect(try client.request("GET", "/fast").status == 200)
        let clock = ContinuousClock()
        let begin = clock.now
        #expect(server.server.shutdown(timeout: .seconds(5)))
        #expect(clock.now - begin < .milliseconds(500))
        #expect(client.closesAfterDraining())
    }
}
