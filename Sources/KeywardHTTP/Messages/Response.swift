/// An HTTP response: status, header fields and body.
///
/// The server adds `Content-Length`, `Date` and the connection headers; a `Content-Length` set here is ignored.
/// For `HEAD` requests the server sends the headers of the response and drops the body.
public struct Response: Sendable, Hashable {
    /// The status.
    public var status: HTTPStatus
    /// The header fields.
    public var headers: HTTPHeaders
    /// The body.
    public var body: [UInt8]

    /// Creates a response.
    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A `text/plain; charset=utf-8` response.
    public static func text(_ text: String, status: HTTPStatus = .ok) -> Response {
        Response(status: status, headers: ["Content-Type": "text/plain; charset=utf-8"], body: Array(text.utf8))
    }

    /// A `text/html; charset=utf-8` response.
    public static func html(_ html: String, status: HTTPStatus = .ok) -> Response {
        Response(status: status, headers: ["Content-Type": "text/html; charset=utf-8"], body: Array(html.utf8))
    }

    /// An `application/json` response with an already encoded body.
    public static func json(_ bytes: [UInt8], status: HTTPStatus = .ok) -> Response {
        Response(status: status, headers: ["Content-Type": "application/json"], body: bytes)
    }

    /// A redirect to `location` (303 See Other by default, the answer to a form post).
    ///
    /// - Parameters:
    ///   - location: A path (`/admin/login`) or absolute URL. Line breaks make the server answer 500 instead,
    ///     so a location built from input cannot split the response.
    ///   - status: A 3xx status.
    public static func redirect(to location: String, status: HTTPStatus = .seeOther) -> Response {
        Response(status: status, headers: ["Location": location])
    }

    /// A response without a body (204 No Content by default).
    public static func empty(_ status: HTTPStatus = .noContent) -> Response {
        Response(status: status)
    }
}
