/// The one error type that crosses Keyward's layers.
///
/// A `KeywardError` carries a stable ``Code`` that callers switch on, a ``message`` that is safe to
/// show to any client (it never contains a secret, a password or a bound SQL value), and an
/// optional underlying ``cause`` for logs. The HTTP layer maps codes to status codes in one place.
public struct KeywardError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, as a stable value. New codes can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Sendable {
            case notFound
            case conflict
            case invalidInput
            case unauthenticated
            case forbidden
            case rateLimited
            case storage
            case unavailable
            case `internal`
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The admin, role, group or credential does not exist.
        public static let notFound = Code(.notFound)
        /// A uniqueness rule or a reference would be violated (duplicate username, group in use).
        public static let conflict = Code(.conflict)
        /// The input breaks a domain rule (empty name, unknown action, bad CIDR).
        public static let invalidInput = Code(.invalidInput)
        /// The caller could not be authenticated.
        public static let unauthenticated = Code(.unauthenticated)
        /// The caller is authenticated but not allowed to do this.
        public static let forbidden = Code(.forbidden)
        /// The caller sent too many requests.
        public static let rateLimited = Code(.rateLimited)
        /// The database failed or answered something unexpected.
        public static let storage = Code(.storage)
        /// A dependency (the database server) is temporarily out of reach.
        public static let unavailable = Code(.unavailable)
        /// A bug or an impossible state. The message stays generic.
        public static let `internal` = Code(.internal)

        /// The code's name, such as `notFound`.
        public var description: String { base.rawValue }
    }

    /// What went wrong.
    public var code: Code
    /// A message safe for any client: no secret, no password, no bound value.
    public var message: String
    /// The underlying error, for logs only.
    public var cause: (any Error & Sendable)?

    /// Creates an error with a code, a client-safe message and an optional cause.
    public init(_ code: Code, _ message: String, cause: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    /// The code and message; the cause is left out because it may not be safe to show.
    public var description: String { "\(code): \(message)" }
}

extension KeywardError {
    /// A missing entity, named in the message (`Admin "bob" not found`).
    public static func notFound(_ message: String) -> KeywardError { KeywardError(.notFound, message) }
    /// A broken uniqueness rule or reference.
    public static func conflict(_ message: String) -> KeywardError { KeywardError(.conflict, message) }
    /// Input that breaks a domain rule.
    public static func invalidInput(_ message: String) -> KeywardError { KeywardError(.invalidInput, message) }
    /// A permission the actor does not hold.
    public static func forbidden(_ message: String) -> KeywardError { KeywardError(.forbidden, message) }
}
