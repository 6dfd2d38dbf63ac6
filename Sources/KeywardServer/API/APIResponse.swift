/// An API answer, independent of the HTTP library: status, content type, body and, for 429, the
/// seconds to wait.
public struct APIResponse: Sendable {
    /// The HTTP status.
    public var status: Int
    /// The `Content-Type`.
    public var contentType: String
    /// The encoded body.
    public var body: [UInt8]
    /// The `Retry-After` seconds, for 429.
    public var retryAfter: Int?

    /// Creates a response.
    public init(status: Int, contentType: String, body: [UInt8], retryAfter: Int? = nil) {
        self.status = status
        self.contentType = contentType
        self.body = body
        self.retryAfter = retryAfter
    }

    /// The body as text (tests and logs).
    public var text: String { String(decoding: body, as: UTF8.self) }
}

/// What the endpoint does with a request: answer now, or finish slow work (Argon2id, a database
/// write) off the HTTP thread.
public enum APIOutcome: Sendable {
    /// The answer, computed on the calling thread.
    case now(APIResponse)
    /// Work to run on a worker thread; its result is the answer.
    case later(@Sendable () -> APIResponse)

    /// Runs deferred work on the calling thread (tests, and callers already off the HTTP thread).
    public func resolve() -> APIResponse {
        switch self {
        case .now(let response): response
        case .later(let work): work()
        }
    }
}
