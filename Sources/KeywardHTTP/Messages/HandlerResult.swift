/// What a handler produces: a response now, or work that produces one off the server's I/O thread.
///
/// Handlers run on one of the server's few I/O threads, which also serve many other connections. Anything slow
/// (a password hash, a database write) belongs in `.deferred`: the server suspends the connection, runs the
/// closure on its bounded worker pool, and sends the response when it returns, while the I/O thread keeps
/// serving other connections.
public enum HandlerResult: Sendable {
    /// A response to send right away.
    case response(Response)
    /// Work to run on the worker pool; a thrown error becomes the router's error response.
    case deferred(@Sendable () throws -> Response)

    /// The response, running deferred work on the calling thread; for tests and in-process callers.
    ///
    /// An error thrown by deferred work that no ``Router`` has mapped becomes 500 with a generic body.
    public func resolve() -> Response {
        switch self {
        case .response(let response):
            return response
        case .deferred(let work):
            do {
                return try work()
            } catch {
                return Response.internalError
            }
        }
    }
}
