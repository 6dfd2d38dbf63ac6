/// Maps requests to handlers by method and path pattern; a plain function of a ``Request`` to a
/// ``HandlerResult``, usable without any socket.
///
/// Patterns are `/`-separated segments:
/// - literal segments match themselves (after percent-decoding of the request path): `/includes/api.php`;
/// - `:name` matches any one segment and captures it: `/users/:id` → `request.parameters["id"]`;
/// - a trailing `*` matches the rest of the path, at least one segment: `/admin/assets/*` →
///   `request.parameters.wildcard`.
///
/// Literal segments win over parameters, and parameters over wildcards, whatever the registration order. A path
/// that matches no pattern is answered by ``notFoundResponder`` (404); a path whose best pattern has no handler
/// for the method by ``methodNotAllowedResponder`` (405, with an `Allow` header). `HEAD` is served by the `GET`
/// handler unless a `HEAD` handler exists. Paths are matched exactly: `/admin` and `/admin/` are different.
///
/// ```swift
/// var router = Router()
/// router.get("/health") { _ in .text("ok") }
/// router.on(.post, "/login") { request in
///     .deferred { try login(request) }  // slow: runs on the worker pool
/// }
/// ```
///
/// Registering an invalid pattern, or a method twice for one pattern, is a programming error and traps at
/// startup.
public struct Router: Sendable {
    /// A handler that answers now or defers: ``HandlerResult``.
    public typealias Handler = @Sendable (Request) throws -> HandlerResult

    /// The path prefix under which every route is mounted (`/billing`), or empty.
    public let prefix: String
    /// Answers requests whose path matches no route; 404 plain text by default.
    public var notFoundResponder: @Sendable (Request) -> Response
    /// Answers requests whose path matches but whose method does not, given the allowed methods; 405 plain text by
    /// default. The router sets the `Allow` header on whatever this returns.
    public var methodNotAllowedResponder: @Sendable (Request, [HTTPMethod]) -> Response
    /// Turns an error thrown by a handler (or its deferred work) into a response. By default an ``HTTPError``
    /// becomes its status and message, a ``FormError`` becomes 400 with its safe message, and anything else 500
    /// with a generic body.
    public var errorResponder: @Sendable (Request, any Error) -> Response

    var routes: [Route] = []
    var staticRoutes: [Substring: Int] = [:]
    var nodes: [Node] = [Node()]

    /// Creates an empty router.
    ///
    /// - Parameter prefix: A path under which to mount every route, such as `/billing` to serve
    ///   `/billing/includes/api.php` from a route registered as `/includes/api.php`. Requests outside the prefix
    ///   get the not-found response.
    public init(prefix: String = "") {
        var prefix = prefix
        while prefix.hasSuffix("/") { prefix.removeLast() }
        precondition(prefix.isEmpty || prefix.hasPrefix("/"), "A router prefix starts with /")
        self.prefix = prefix
        self.notFoundResponder = Router.defaultNotFound
        self.methodNotAllowedResponder = Router.defaultMethodNotAllowed
        self.errorResponder = Router.defaultError
    }

    /// Registers a handler that may defer its work.
    ///
    /// - Parameters:
    ///   - method: The method.
    ///   - pattern: The path pattern, relative to ``prefix``.
    ///   - handler: Returns `.response` to answer now or `.deferred` to finish on the worker pool.
    public mutating func on(_ method: HTTPMethod, _ pattern: String, _ handler: @escaping Handler) {
        add(method, pattern, handler)
    }

    /// Registers a synchronous `GET` handler (which also serves `HEAD`).
    public mutating func get(_ pattern: String, _ handler: @escaping @Sendable (Request) throws -> Response) {
        add(.get, pattern) { .response(try handler($0)) }
    }

    /// Registers a synchronous `POST` handler.
    public mutating func post(_ pattern: String, _ handler: @escaping @Sendable (Request) throws -> Response) {
        add(.post, pattern) { .response(try handler($0)) }
    }

    /// Registers a synchronous `PUT` handler.
    public mutating func put(_ pattern: String, _ handler: @escaping @Sendable (Request) throws -> Response) {
        add(.put, pattern) { .response(try handler($0)) }
    }

    /// Registers a synchronous `PATCH` handler.
    public mutating func patch(_ pattern: String, _ handler: @escaping @Sendable (Request) throws -> Response) {
        add(.patch, pattern) { .response(try handler($0)) }
    }

    /// Registers a synchronous `DELETE` handler.
    public mutating func delete(_ pattern: String, _ handler: @escaping @Sendable (Request) throws -> Response) {
        add(.delete, pattern) { .response(try handler($0)) }
    }

    /// Answers a request: the function the server calls for every request.
    ///
    /// For `HEAD` requests served by a `GET` handler the body is dropped here; the server instead lets
    /// libmicrohttpd drop it, so that `Content-Length` still tells the size of the `GET` body.
    public func respond(to request: Request) -> HandlerResult {
        dispatch(request, dropHeadBody: true).result
    }
}
