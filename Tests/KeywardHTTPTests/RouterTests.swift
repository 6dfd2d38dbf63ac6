import KeywardHTTP
import KeywardSupport
import Testing

@Suite("Router in process")
struct RouterTests {
    let router = SharedRoutes.makeRouter()

    @Test("Shared cases", arguments: RouteCase.all)
    func sharedCase(_ routeCase: RouteCase) throws {
        let request = try #require(
            Request(
                method: HTTPMethod(rawValue: routeCase.method),
                target: routeCase.target,
                headers: HTTPHeaders(routeCase.headers.map { ($0.key, $0.value) }),
                body: Array(routeCase.body.utf8)
            )
        )
        let response = router.respond(to: request).resolve()
        #expect(response.status.code == routeCase.status)
        #expect(String(decoding: response.body, as: UTF8.self) == routeCase.responseBody)
        for (name, value) in routeCase.responseHeaders {
            #expect(response.headers[name] == value)
        }
    }

    @Test("HEAD is served by GET with the body dropped")
    func head() throws {
        let request = try #require(Request(method: .head, target: "/hello"))
        let response = router.respond(to: request).resolve()
        #expect(response.status == .ok)
        #expect(response.body.isEmpty)
        #expect(response.headers["Content-Type"] == "text/plain; charset=utf-8")
    }

    @Test("An explicit HEAD route wins over GET")
    func explicitHead() throws {
        var router = Router()
        router.get("/x") { _ in .text("get") }
        router.on(.head, "/x") { _ in .response(Response(status: .noContent)) }
        let response = router.respond(to: try #require(Request(method: .head, target: "/x"))).resolve()
        #expect(response.status == .noContent)
    }

    @Test("Deferred results stay deferred until resolved")
    func deferredResult() throws {
        let result = router.respond(to: try #require(Request(method: .get, target: "/deferred")))
        guard case .deferred = result else {
            Issue.record("expected a deferred result")
            return
        }
        #expect(result.resolve().body == Array("later".utf8))
    }

    @Test("Route pattern and parameters are set on the request")
    func parameters() throws {
        var router = Router()
        router.get("/a/:first/b/:second/*") { request in
            #expect(request.route == "/a/:first/b/:second/*")
            #expect(request.parameters.names == ["first", "second", "*"])
            return .text(
                "\(request.parameters["first"]!)|\(request.parameters["second"]!)|\(request.parameters.wildcard!)")
        }
        let response = router.respond(to: try #require(Request(method: .get, target: "/a/1/b/2/x/y/z"))).resolve()
        #expect(String(decoding: response.body, as: UTF8.self) == "1|2|x/y/z")
    }

    @Test("Literal beats parameter beats wildcard, with backtracking")
    func precedence() throws {
        var router = Router()
        router.get("/files/*") { _ in .text("wildcard") }
        router.get("/files/:name") { _ in .text("parameter") }
        router.get("/files/special") { _ in .text("literal") }
        router.get("/files/:name/meta") { _ in .text("meta") }
        func body(_ target: String) throws -> String {
            let response = router.respond(to: try #require(Request(method: .get, target: target))).resolve()
            return String(decoding: response.body, as: UTF8.self)
        }
        #expect(try body("/files/special") == "literal")
        #expect(try body("/files/other") == "parameter")
        #expect(try body("/files/other/meta") == "meta")
        #expect(try body("/files/other/deeper") == "wildcard")
        #expect(try body("/files/special/meta") == "meta")
    }

    @Test("A prefix mounts every route below it")
    func prefix() throws {
        var router = Router(prefix: "/billing/")
        router.post("/includes/api.php") { request in .text("api \(request.route ?? "")") }
        router.get("/") { _ in .text("billing root") }
        func response(_ method: HTTPMethod, _ target: String) throws -> Response {
            router.respond(to: try #require(Request(method: method, target: target))).resolve()
        }
        #expect(router.prefix == "/billing")
        #expect(try response(.post, "/billing/includes/api.php").body == Array("api /billing/includes/api.php".utf8))
        #expect(try response(.post, "/includes/api.php").status == .notFound)
        #expect(try response(.post, "/billingx/includes/api.php").status == .notFound)
        #expect(try response(.get, "/billing").body == Array("billing root".utf8))
        #expect(try response(.get, "/billing/").body == Array("billing root".utf8))
    }

    @Test("Custom not-found, method-not-allowed and error responses")
    func customResponders() throws {
        var router = Router()
        router.get("/x") { _ in throw InternalFailure() }
        router.notFoundResponder = { request in
            .json(Array(#"{"error":"not found","id":"\#(request.requestID)"}"#.utf8), status: .notFound)
        }
        router.methodNotAllowedResponder = { _, allowed in
            .json(Array(#"{"allowed":\#(allowed.count)}"#.utf8), status: .methodNotAllowed)
        }
        router.errorResponder = { _, _ in .json(Array(#"{"result":"error"}"#.utf8), status: .internalServerError) }

        let notFound = router.respond(to: try #require(Request(method: .get, target: "/y", requestID: "abc"))).resolve()
        #expect(notFound.status == .notFound)
        #expect(notFound.body == Array(#"{"error":"not found","id":"abc"}"#.utf8))
        #expect(notFound.headers["Content-Type"] == "application/json")

        let notAllowed = router.respond(to: try #require(Request(method: .post, target: "/x"))).resolve()
        #expect(notAllowed.status == .methodNotAllowed)
        #expect(notAllowed.headers["Allow"] == "GET, HEAD")
        #expect(notAllowed.body == Array(#"{"allowed":2}"#.utf8))

        let failed = router.respond(to: try #require(Request(method: .get, target: "/x"))).resolve()
        #expect(failed.body == Array(#"{"result":"error"}"#.utf8))
    }

    @Test(
        "Unsafe targets are rejected before routing",
        arguments: [
            "", "users", "*", "http://example.com/", "/a/../admin", "/a/./b", "/..", "/a/%2e%2e/b", "/a/%2E/b",
            "/a%2fb", "/a%2Fb", "/a%00b", "/a%zz", "/a%4", "/a%C3", "/%FF",
        ])
    func unsafeTargets(target: String) {
        #expect(Request(method: .get, target: target) == nil)
    }

    @Test(
        "Acceptable targets are split and decoded",
        arguments: [
            ("/a/b?c=d", "/a/b", "/a/b", "c=d"),
            ("/a%20b/c", "/a b/c", "/a%20b/c", ""),
            ("/x?", "/x", "/x", ""),
            ("/x?a?b", "/x", "/x", "a?b"),
            ("/.../x", "/.../x", "/.../x", ""),
            ("/a+b", "/a+b", "/a+b", ""),
            ("/%E2%82%AC", "/€", "/%E2%82%AC", ""),
        ])
    func targets(target: String, path: String, rawPath: String, query: String) throws {
        let request = try #require(Request(method: .get, target: target))
        #expect(request.path == path)
        #expect(request.rawPath == rawPath)
        #expect(request.query == query)
    }
}
