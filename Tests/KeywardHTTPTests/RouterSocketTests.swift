import KeywardHTTP
import KeywardSupport
import Testing

@Suite("Router over a socket")
struct RouterSocketTests {
    @Test("Shared cases over one keep-alive connection")
    func sharedCases() throws {
        let server = try TestServer(router: SharedRoutes.makeRouter())
        defer { server.stop() }
        let client = try server.client()
        for routeCase in RouteCase.all {
            let response = try client.request(
                routeCase.method,
                routeCase.target,
                headers: routeCase.headers.map { ($0.key, $0.value) },
                body: Array(routeCase.body.utf8)
            )
            #expect(response.status == routeCase.status, "\(routeCase.testDescription)")
            #expect(response.text == routeCase.responseBody, "\(routeCase.testDescription)")
            for (name, value) in routeCase.responseHeaders {
                #expect(response.headers[name] == value, "\(routeCase.testDescription)")
            }
            #expect(response.headers["Date"] != nil)
            #expect(response.headers["Server"] == nil)
        }
    }

    @Test("HEAD gets the GET headers and length without a body")
    func head() throws {
        let server = try TestServer(router: SharedRoutes.makeRouter())
        defer { server.stop() }
        let client = try server.client()
        let head = try client.request("HEAD", "/hello")
        #expect(head.status == 200)
        #expect(head.headers["Content-Length"] == "5")
        #expect(head.body.isEmpty)
        // The connection is still usable: no stray body bytes were sent.
        let get = try client.request("GET", "/hello")
        #expect(get.text == "hello")
    }

    @Test(
        "Unsafe targets get 400",
        arguments: ["/a/../admin", "/a/%2e%2e/b", "/a%2Fb", "/a%00b", "/a%zz", "/%FF"])
    func unsafeTargets(target: String) throws {
        let server = try TestServer(router: SharedRoutes.makeRouter())
        defer { server.stop() }
        let response = try server.client().request("GET", target)
        #expect(response.status == 400)
    }

    @Test("A server answers on IPv6 loopback")
    func ipv6() throws {
        let log = InMemoryLogHandler()
        let server = try TestServer(router: SharedRoutes.makeRouter(), address: .loopbackV6, log: log)
        defer { server.stop() }
        let response = try server.client().request("GET", "/users/6")
        #expect(response.text == "user 6")
        server.stop()
        #expect(log.events.contains { $0.message.contains("client=::1 ") })
    }

    @Test("Port 0 picks a free port; a second server cannot bind it")
    func ports() throws {
        let first = try TestServer(router: SharedRoutes.makeRouter())
        defer { first.stop() }
        #expect(first.port > 0)
        var configuration = HTTPServer.Configuration(port: first.port)
        configuration.accessLogger = nil
        configuration.logger = Logger(label: "http", handler: InMemoryLogHandler())
        let second = HTTPServer(configuration: configuration, router: Router())
        #expect(throws: HTTPServerError.self) { try second.start() }
        #expect(second.port == nil)
        do {
            try second.start()
        } catch {
            #expect(error.code == .startFailed)
            #expect(error.message.contains("\(first.port)"))
        }
    }

    @Test("Invalid configurations and double starts are refused")
    func startErrors() throws {
        var configuration = HTTPServer.Configuration(port: 0)
        configuration.maxHeaderBytes = 10
        #expect {
            try HTTPServer(configuration: configuration, router: Router()).start()
        } throws: { error in
            (error as? HTTPServerError)?.code == .invalidConfiguration
        }
        let server = try TestServer(router: Router())
        defer { server.stop() }
        #expect {
            try server.server.start()
        } throws: { error in
            (error as? HTTPServerError)?.code == .alreadyStarted
        }
    }

    @Test("A plain responder function serves too")
    func responderFunction() throws {
        var configuration = HTTPServer.Configuration(port: 0)
        configuration.accessLogger = nil
        let server = HTTPServer(configuration: configuration) { request in
            .response(.text("\(request.method) \(request.path)"))
        }
        try server.start()
        defer { server.shutdown() }
        let client = try RawHTTPClient(port: try #require(server.port))
        #expect(try client.request("OPTIONS", "/any/thing").text == "OPTIONS /any/thing")
    }

    @Test("Response headers that could split the response become a 500")
    func headerInjection() throws {
        var router = Router()
        router.get("/redirect") { request in .redirect(to: "/x\r\nSet-Cookie: evil=1") }
        router.get("/bad-name") { _ in Response(status: .ok, headers: ["Bad Name": "x"], body: []) }
        router.get("/length") { _ in Response(status: .ok, headers: ["Content-Length": "999"], body: [65]) }
        router.get("/status") { _ in Response(status: HTTPStatus(code: 1000)) }
        router.get("/informational") { _ in Response(status: .init(code: 100)) }
        let server = try TestServer(router: router)
        defer { server.stop() }
        let client = try server.client()
        let redirect = try client.request("GET", "/redirect")
        #expect(redirect.status == 500)
        #expect(redirect.headers["Set-Cookie"] == nil)
        #expect(try client.request("GET", "/bad-name").status == 500)
        let length = try client.request("GET", "/length")
        #expect(length.status == 200)
        #expect(length.headers["Content-Length"] == "1")
        #expect(try client.request("GET", "/status").status == 500)
        #expect(try client.request("GET", "/informational").status == 500)
    }

    @Test("Raw bytes outside ASCII in the request target get 400")
    func rawTargetBytes() throws {
        let server = try TestServer(router: SharedRoutes.makeRouter())
        defer { server.stop() }
        let client = try server.client()
        try client.send(Array("GET /users/".utf8) + [0xC3, 0xA9] + Array(" HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        #expect(try client.readResponse().status == 400)
    }

    @Test("Listening on :: accepts IPv4 clients and reports them as IPv4")
    func dualStack() throws {
        var router = Router()
        router.get("/who") { request in .text("\(request.peerAddress)") }
        let server = try TestServer(router: router, address: .anyV6)
        defer { server.stop() }
        let viaV4 = try RawHTTPClient(address: .loopbackV4, port: server.port).request("GET", "/who")
        #expect(viaV4.text == "127.0.0.1")
        let viaV6 = try RawHTTPClient(address: .loopbackV6, port: server.port).request("GET", "/who")
        #expect(viaV6.text == "::1")
    }
}
