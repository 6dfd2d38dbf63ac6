import Glibc
import KeywardHTTP
import KeywardSupport
import Testing

@Suite("Limits and bad input over a socket")
struct LimitsTests {
    static func router() -> Router {
        var router = Router()
        router.post("/upload") { request in .text("got \(request.body.count)") }
        router.get("/ping") { _ in .text("pong") }
        router.post("/form") { request in
            let form = try request.form(using: FormParser(maxParameters: 100))
            return .text("fields \(form.count)")
        }
        return router
    }

    /// Whether the server still answers on a fresh connection.
    static func isHealthy(_ server: TestServer) throws -> Bool {
        try server.client().request("GET", "/ping").text == "pong"
    }

    @Test("A body over the limit (Content-Length) gets 413, closes, and the server keeps serving")
    func contentLengthOverLimit() throws {
        let server = try TestServer(router: Self.router()) { $0.maxBodyBytes = 1000 }
        defer { server.stop() }
        let client = try server.client()
        try client.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 1001\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == 413)
        #expect(client.isClosedByPeer())
        let exact = try server.client().request("POST", "/upload", body: [UInt8](repeating: 65, count: 1000))
        #expect(exact.text == "got 1000")
        #expect(try Self.isHealthy(server))
    }

    @Test("An oversized body is refused before it is sent (Expect: 100-continue)")
    func expectContinue() throws {
        let server = try TestServer(router: Self.router()) { $0.maxBodyBytes = 1000 }
        defer { server.stop() }
        let client = try server.client()
        try client.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 5000000\r\nExpect: 100-continue\r\n\r\n")
        #expect(try client.readResponse().status == 413)
        #expect(try Self.isHealthy(server))
    }

    @Test("A chunked body that grows over the limit gets 413 and the server keeps serving")
    func chunkedOverLimit() throws {
        let server = try TestServer(router: Self.router()) { $0.maxBodyBytes = 1000 }
        defer { server.stop() }
        let client = try server.client()
        try client.send("POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
        let chunk = "200\r\n" + String(repeating: "a", count: 512) + "\r\n"
        for _ in 0..<4 { try? client.send(chunk) }
        try? client.send("0\r\n\r\n")
        #expect(try client.readResponse().status == 413)
        #expect(client.closesAfterDraining())
        // A body far over the limit is not read to its end: the connection is cut.
        let flood = try server.client()
        try flood.send("POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
        let bigChunk = "8000\r\n" + String(repeating: "b", count: 0x8000) + "\r\n"
        var sent = 0
        while sent < 4_000_000, (try? flood.send(bigChunk)) != nil { sent += 0x8000 }
        #expect(sent < 4_000_000 || flood.closesAfterDraining())
        let small = try server.client()
        try small.send("POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n")
        #expect(try small.readResponse().text == "got 5")
        #expect(try Self.isHealthy(server))
    }

    @Test("A huge header gets 431 and the server keeps serving")
    func hugeHeader() throws {
        let server = try TestServer(router: Self.router())
        defer { server.stop() }
        let client = try server.client()
        let big = String(repeating: "a", count: 20_000)
        let response = try client.request("GET", "/ping", headers: [("X-Big", big)])
        #expect(response.status == 431)
        #expect(client.isClosedByPeer())
        let justUnder = try server.client().request(
            "GET", "/ping", headers: [("X-Big", String(repeating: "a", count: 15_000))])
        #expect(justUnder.status == 200)
        #expect(try Self.isHealthy(server))
    }

    @Test("A flood of headers gets 431 and the server keeps serving")
    func headerFlood() throws {
        let server = try TestServer(router: Self.router())
        defer { server.stop() }
        let client = try server.client()
        let headers = (0..<3000).map { ("X-H\($0)", "v") }
        try? client.sendRequest("GET", "/ping", headers: headers)
        let status = (try? client.readResponse()).map(\.status)
        #expect(status == 431)
        #expect(try Self.isHealthy(server))
    }

    @Test("A very long request line gets 414 or 431 and the server keeps serving")
    func longRequestLine() throws {
        let server = try TestServer(router: Self.router())
        defer { server.stop() }
        let client = try server.client()
        try? client.send("GET /ping?\(String(repeating: "q", count: 40_000)) HTTP/1.1\r\nHost: x\r\n\r\n")
        let status = (try? client.readResponse()).map(\.status)
        #expect(status == 414 || status == 431)
        #expect(try Self.isHealthy(server))
    }

    @Test(
        "Malformed requests get 400 and the server keeps serving",
        arguments: [
            "GARBAGE\r\n\r\n",
            "GET /ping HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
            "GET /ping HTTP/1.1\r\n\r\n",
            "GET /ping HTTP/1.1\r\nHost: x\r\nBad Header : y\r\n\r\n",
            "GET /ping HTTP/1.1\r\nHost: x\r\nBad\tName: y\r\n\r\n",
            "GET /ping HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
            "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        ])
    func malformed(request: String) throws {
        let server = try TestServer(router: Self.router())
        defer { server.stop() }
        let client = try server.client()
        try client.send(request)
        let status = (try? client.readResponse()).map(\.status)
        #expect(status.map { (400..<500).contains($0) } ?? true, "got \(String(describing: status))")
        if status != nil { #expect(client.closesAfterDraining()) }
        #expect(try Self.isHealthy(server))
    }

    @Test("A client that stalls mid-request is disconnected by the idle timeout; others are served meanwhile")
    func slowClient() throws {
        let server = try TestServer(router: Self.router()) { $0.idleTimeout = .seconds(1) }
        defer { server.stop() }
        let slow = try server.client(timeout: .seconds(4))
        try slow.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nhalf")
        let clock = ContinuousClock()
        let start = clock.now
        for _ in 0..<5 { #expect(try Self.isHealthy(server)) }
        #expect(clock.now - start < .milliseconds(900))
        #expect(slow.isClosedByPeer())
        let waited = clock.now - start
        #expect(waited >= .milliseconds(700) && waited < .seconds(4))
    }

    @Test("Form errors over the socket are clear 400s")
    func formErrors() throws {
        let server = try TestServer(router: Self.router())
        defer { server.stop() }
        let client = try server.client()
        let formType = [("Content-Type", "application/x-www-form-urlencoded")]
        let cases: [([UInt8], String)] = [
            (Array("a=%zz".utf8), "The form contains an invalid percent-encoding."),
            (Array("a=%4".utf8), "The form contains an invalid percent-encoding."),
            (Array("a=%FF%FE".utf8), "The form contains text that is not valid UTF-8."),
            (Array("a=".utf8) + [0xC3, 0x28], "The form contains text that is not valid UTF-8."),
            (Array("a=x%00y".utf8), "The form contains a NUL character."),
            (Array((0..<10_000).map { "p\($0)=1" }.joined(separator: "&").utf8), "The form has too many parameters."),
        ]
        for (body, message) in cases {
            let response = try client.request("POST", "/form", headers: formType, body: body)
            #expect(response.status == 400)
            #expect(response.text == message)
        }
        let multipart = [("Content-Type", "multipart/form-data; boundary=XyZ")]
        let truncated = try client.request(
            "POST",
            "/form",
            headers: multipart,
            body: Array("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue".utf8)
        )
        #expect(truncated.status == 400)
        #expect(truncated.text == "The multipart form ends before its closing boundary.")
        #expect(try Self.isHealthy(server))
    }

    @Test("The per-IP connection limit refuses extra connections")
    func perIPLimit() throws {
        let server = try TestServer(router: Self.router()) { $0.maxConnectionsPerIP = 2 }
        defer { server.stop() }
        let first = try server.client()
        let second = try server.client()
        #expect(try first.request("GET", "/ping").status == 200)
        #expect(try second.request("GET", "/ping").status == 200)
        let third = try server.client(timeout: .seconds(2))
        let refused = (try? third.request("GET", "/ping")) == nil
        #expect(refused)
    }
}
