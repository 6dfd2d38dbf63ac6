import KeywardSupport

/// An HTTP request as a handler sees it: a value, independent of the server that received it.
///
/// The server builds requests from the wire; tests and in-process callers build them with
/// ``init(method:target:headers:body:peerAddress:trustedProxies:requestID:)`` and pass them to a ``Router``.
public struct Request: Sendable {
    /// The method.
    public let method: HTTPMethod
    /// The percent-decoded path, without the query: `/users/a b` for `/users/a%20b?x=1`.
    public let path: String
    /// The path as sent, still percent-encoded, without the query.
    public let rawPath: String
    /// The query after `?`, as sent (still encoded); empty when there is none. It often carries secrets: never
    /// log it.
    public let query: String
    /// The header fields.
    public let headers: HTTPHeaders
    /// The body; empty when there is none.
    public let body: [UInt8]
    /// The address of the socket peer: the client, or the reverse proxy in front of the server.
    public let peerAddress: IPAddress
    /// The address of the client: the peer, or, when the peer is a trusted proxy, the right-most untrusted
    /// address of `X-Forwarded-For`. Use this for allowlists, rate limits and logs.
    public let clientAddress: IPAddress
    /// Whether a trusted proxy reports that the client connected over HTTPS (`X-Forwarded-Proto: https`).
    public let isForwardedSecure: Bool
    /// A short id for correlating log lines: 16 hexadecimal characters, or the `X-Request-Id` of a trusted proxy.
    public let requestID: String
    /// The values captured by the route pattern, set by the ``Router``.
    public internal(set) var parameters: RouteParameters
    /// The pattern of the matched route (`/users/:id`), set by the ``Router``; `nil` before routing or when no
    /// route matched. Log this rather than the path.
    public internal(set) var route: String?

    /// Creates a request, resolving forwarding headers the way the server does.
    ///
    /// Returns `nil` when `target` is not an acceptable origin-form target: it must start with `/`, and its path
    /// must percent-decode to UTF-8 without NUL, encoded `/`, or `.` and `..` segments. The server answers such
    /// requests with 400 Bad Request.
    ///
    /// - Parameters:
    ///   - method: The method.
    ///   - target: The path and optional query, as on the request line: `/users/42?verbose=1`.
    ///   - headers: The header fields.
    ///   - body: The body.
    ///   - peerAddress: The socket peer; loopback by default.
    ///   - trustedProxies: The networks whose forwarding headers are believed.
    ///   - requestID: The id to use; by default a trusted proxy's `X-Request-Id` or a fresh one.
    public init?(
        method: HTTPMethod,
        target: String,
        headers: HTTPHeaders = [:],
        body: [UInt8] = [],
        peerAddress: IPAddress = .loopbackV4,
        trustedProxies: [IPNetwork] = [],
        requestID: String? = nil
    ) {
        guard let target = RequestTarget(target) else { return nil }
        let forwarded = ForwardedHeaders.resolve(peer: peerAddress, headers: headers, trustedProxies: trustedProxies)
        self.init(
            method: method,
            target: target,
            headers: headers,
            body: body,
            peerAddress: peerAddress.normalized,
            forwarded: forwarded,
            requestID: requestID ?? forwarded.requestID ?? RequestIDGenerator.shared.next()
        )
    }

    /// Creates a request from parts the server has already validated.
    init(
        method: HTTPMethod,
        target: RequestTarget,
        headers: HTTPHeaders,
        body: [UInt8],
        peerAddress: IPAddress,
        forwarded: ForwardedHeaders,
        requestID: String
    ) {
        self.method = method
        self.path = target.path
        self.rawPath = target.rawPath
        self.query = target.query
        self.headers = headers
        self.body = body
        self.peerAddress = peerAddress
        self.clientAddress = forwarded.clientAddress
        self.isForwardedSecure = forwarded.isSecure
        self.requestID = requestID
        self.parameters = RouteParameters()
        self.route = nil
    }
}
