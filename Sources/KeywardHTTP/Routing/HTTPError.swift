/// An error made for clients: a status and a message that is safe to show.
///
/// Throw it from a handler to answer with that status; the default ``Router/errorResponder`` turns it into a
/// plain-text response. Any other error becomes 500 with a generic body, so internal details never reach a
/// client.
public struct HTTPError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The status to answer with.
    public var status: HTTPStatus
    /// A message for the client; never put secrets or input values in it.
    public var message: String

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - status: The status to answer with.
    ///   - message: A message for the client; the reason phrase by default.
    public init(_ status: HTTPStatus, message: String? = nil) {
        self.status = status
        self.message = message ?? status.reasonPhrase
    }

    /// The status and message.
    public var description: String {
        "\(status.code): \(message)"
    }
}
