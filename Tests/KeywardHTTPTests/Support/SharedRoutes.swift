import KeywardHTTP
import Testing

/// An error that is not made for clients.
struct InternalFailure: Error {}

/// The router that the in-process and the socket tests both exercise.
enum SharedRoutes {
    static func makeRouter() -> Router {
        var router = Router()
        router.get("/") { _ in .text("root") }
        router.get("/hello") { _ in .text("hello") }
        router.post("/hello") { request in .text("posted \(request.body.count)") }
        router.get("/users/:id") { request in .text("user \(request.parameters["id"] ?? "?")") }
        router.get("/users/new") { _ in .text("new user form") }
        router.delete("/users/:id") { request in .text("deleted \(request.parameters["id"] ?? "?")") }
        router.get("/users/:id/posts/:post") { request in
            .text(
                "user \(request.parameters["id"] ?? "?") post \(request.parameters["post"] ?? "?") at \(request.route ?? "")"
            )
        }
        router.get("/admin/assets/*") { request in .text("asset \(request.parameters.wildcard ?? "?")") }
        router.get("/fail") { _ in throw InternalFailure() }
        router.get("/teapot") { _ in throw HTTPError(418, message: "short and stout") }
        router.post("/form") { request in
            let form = try request.form()
            return .text(form.fields.map { "\($0.name)=\($0.value)" }.joined(separator: "&"))
        }
        router.get("/query") { request in .text("q=\(request.query)") }
        router.on(.get, "/deferred") { _ in .deferred { .text("later") } }
        router.on(.get, "/deferred-fail") { _ in .deferred { throw HTTPError(.conflict) } }
        router.on(.get, "/deferred-crash") { _ in .deferred { throw InternalFailure() } }
        return router
    }
}

/// One request and what must come back, in process and over a socket alike.
struct RouteCase: Sendable, CustomTestStringConvertible {
    var method: String
    var target: String
    var headers: [String: String] = [:]
    var body: String = ""
    var status: Int
    var responseBody: String
    var responseHeaders: [String: String] = [:]

    var testDescription: String {
        "\(method) \(target) → \(status)"
    }

    static let all: [RouteCase] = [
        RouteCase(method: "GET", target: "/", status: 200, responseBody: "root"),
        RouteCase(method: "GET", target: "/hello", status: 200, responseBody: "hello"),
        RouteCase(method: "GET", target: "/hello?x=1&y=2", status: 200, responseBody: "hello"),
        RouteCase(method: "POST", target: "/hello", body: "abc", status: 200, responseBody: "posted 3"),
        RouteCase(method: "GET", target: "/users/42", status: 200, responseBody: "user 42"),
        RouteCase(method: "GET", target: "/users/new", status: 200, responseBody: "new user form"),
        RouteCase(method: "GET", target: "/users/a%20b", status: 200, responseBody: "user a b"),
        RouteCase(method: "GET", target: "/users/%C3%A9", status: 200, responseBody: "user é"),
        RouteCase(
            method: "GET",
            target: "/users/7/posts/9",
            status: 200,
            responseBody: "user 7 post 9 at /users/:id/posts/:post"
        ),
        RouteCase(method: "GET", target: "/admin/assets/css/app.css", status: 200, responseBody: "asset css/app.css"),
        RouteCase(method: "GET", target: "/admin/assets/", status: 200, responseBody: "asset "),
        RouteCase(method: "GET", target: "/admin/assets", status: 404, responseBody: "Not Found"),
        RouteCase(method: "GET", target: "/nope", status: 404, responseBody: "Not Found"),
        RouteCase(method: "GET", target: "/hello/", status: 404, responseBody: "Not Found"),
        RouteCase(method: "GET", target: "/users/1/posts", status: 404, responseBody: "Not Found"),
        RouteCase(
            method: "PUT",
            target: "/hello",
            status: 405,
            responseBody: "Method Not Allowed",
            responseHeaders: ["Allow": "GET, HEAD, POST"]
        ),
        RouteCase(method: "DELETE", target: "/users/5", status: 200, responseBody: "deleted 5"),
        RouteCase(
            method: "PATCH",
            target: "/users/5",
            status: 405,
            responseBody: "Method Not Allowed",
            responseHeaders: ["Allow": "GET, HEAD, DELETE"]
        ),
        RouteCase(method: "GET", target: "/fail", status: 500, responseBody: "Something went wrong."),
        RouteCase(method: "GET", target: "/teapot", status: 418, responseBody: "short and stout"),
        RouteCase(
            method: "POST",
            target: "/form?a=0&q=1",
            headers: ["Content-Type": "application/x-www-form-urlencoded"],
            body: "a=1&b=x+y&a=%C3%A9",
            status: 200,
            responseBody: "a=0&q=1&a=1&b=x y&a=é"
        ),
        RouteCase(
            method: "POST",
            target: "/form",
            headers: ["Content-Type": "application/x-www-form-urlencoded"],
            body: "a=%zz",
            status: 400,
            responseBody: "The form contains an invalid percent-encoding."
        ),
        RouteCase(
            method: "POST",
            target: "/form",
            headers: ["Content-Type": "application/json"],
            body: "{}",
            status: 400,
            responseBody: "The body is not a form."
        ),
        RouteCase(
            method: "GET", target: "/query?token=s3cret&x=%20", status: 200, responseBody: "q=token=s3cret&x=%20"),
        RouteCase(method: "GET", target: "/deferred", status: 200, responseBody: "later"),
        RouteCase(method: "GET", target: "/deferred-fail", status: 409, responseBody: "Conflict"),
        RouteCase(method: "GET", target: "/deferred-crash", status: 500, responseBody: "Something went wrong."),
    ]
}
