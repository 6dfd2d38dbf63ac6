import KeywardHTTP
import KeywardSupport
import Testing

@Suite("Access log")
struct AccessLogTests {
    @Test("One line per request with the route pattern, never the query, cookies, authorization or body")
    func line() throws {
        var router = Router()
        router.post("/users/:id") { _ in .text("ok") }
        let log = InMemoryLogHandler()
        let server = try TestServer(router: router, log: log)
        let client = try server.client()
        let response = try client.request(
            "POST",
            "/users/42?password=hunter2&token=s3cret",
            headers: [
                ("Cookie", "session=cookie-secret"), ("Authorization", "Bearer auth-secret"),
                ("Content-Type", "application/x-www-form-urlencoded"),
            ],
            body: Array("password=body-secret".utf8)
        )
        #expect(response.status == 200)
        _ = try client.request("GET", "/missing?key=s3cret")
        server.stop()

        let lines = log.events.filter { $0.label == "access" }.map(\.formattedLine)
        #expect(lines.count == 2)
        let first = try #require(lines.first)
        #expect(first.contains(" info access: method=POST route=/users/:id status=200 duration_us="))
        #expect(first.contains(" client=127.0.0.1 request_id="))
        #expect(first.hasSuffix(" bytes=2"))
        #expect(lines.last?.contains("method=GET route=- status=404") == true)
        for line in lines {
            for secret in ["hunter2", "s3cret", "cookie-secret", "auth-secret", "body-secret", "?", "/42", "password"] {
                #expect(!line.contains(secret), "\(line) contains \(secret)")
            }
        }
    }

    @Test("Requests that libmicrohttpd refuses are logged with its status")
    func refusedRequests() throws {
        let log = InMemoryLogHandler()
        let server = try TestServer(router: Router(), log: log)
        let client = try server.client()
        try client.send("GET / HTTP/1.1\r\n\r\n")
        #expect(try client.readResponse().status == 400)
        server.stop()
        let lines = log.events.filter { $0.label == "access" }.map(\.message)
        #expect(lines.contains { $0.contains("status=400") })
    }

    @Test("The access log can be disabled")
    func disabled() throws {
        var router = Router()
        router.get("/") { _ in .text("ok") }
        let log = InMemoryLogHandler()
        let server = try TestServer(router: router, log: log) { $0.accessLogger = nil }
        _ = try server.client().request("GET", "/")
        server.stop()
        #expect(!log.events.contains { $0.label == "access" })
        #expect(log.events.contains { $0.label == "http" && $0.message == "listening" })
    }
}
