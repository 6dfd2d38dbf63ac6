import CKeywardMHD
import KeywardSupport
import Synchronization

/// Everything the server keeps about one request while libmicrohttpd processes it.
///
/// One instance is allocated per request, when the request line arrives, and lives in libmicrohttpd's
/// per-request pointer until the completion callback releases it. Its plain fields are touched only by the I/O
/// thread that owns the connection (libmicrohttpd never runs two callbacks of one connection at once); the
/// deferred state is the only part that other threads reach, and it is behind a lock.
final class RequestContext: @unchecked Sendable {
    /// How far the request has come.
    enum Phase: Sendable, Equatable {
        /// The request line arrived; the headers are next.
        case awaitingHeaders
        /// The headers were read; the body is arriving.
        case receivingBody
        /// The handler deferred; the connection is suspended.
        case deferred
        /// A response was queued.
        case responded
    }

    /// The request target as sent: path and query.
    let target: String
    /// When the request line arrived, in monotonic nanoseconds.
    let startNanoseconds: UInt64
    /// How far the request has come.
    var phase = Phase.awaitingHeaders
    /// The method.
    var method = HTTPMethod.get
    /// The header fields.
    var headers = HTTPHeaders()
    /// Whether a header name is not a token (`Bad Header : x`), which must be refused (RFC 9112 §5.1).
    var hasInvalidHeaderName = false
    /// Body bytes received beyond the limit and thrown away, while waiting for the end of the body to answer
    /// 413; `nil` while the body is within the limit.
    var discardedBodyBytes: Int?
    /// The body received so far.
    var body: [UInt8] = []
    /// The socket peer.
    var peerAddress = IPAddress.anyV4
    /// The client, once resolved.
    var clientAddress: IPAddress?
    /// The request id, once assigned.
    var requestID: String?
    /// The matched route pattern.
    var route: String?
    /// The status of the queued response, or 0.
    var status = 0
    /// The size of the queued response body.
    var responseBytes = 0
    /// The connection, once the request has been deferred; written before the request is registered for a
    /// possible abandonment and never changed afterwards.
    var suspendedConnection: OpaquePointer?
    /// The deferred work's state; see ``DeferredState``.
    let deferred = Mutex(DeferredState())

    /// Creates the context of a request whose request line just arrived.
    init(target: String, startNanoseconds: UInt64) {
        self.target = target
        self.startNanoseconds = startNanoseconds
    }
}
