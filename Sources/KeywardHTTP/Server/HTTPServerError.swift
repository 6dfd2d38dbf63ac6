/// Why the server could not start.
public struct HTTPServerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong. New codes may be added; switch with a `default`.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case invalidConfiguration
            case alreadyStarted
            case startFailed
        }

        private let base: Base

        private init(_ base: Base) {
            self.base = base
        }

        /// A configuration value is out of range.
        public static let invalidConfiguration = Code(.invalidConfiguration)
        /// ``HTTPServer/start()`` was called on a server that is running or was shut down.
        public static let alreadyStarted = Code(.alreadyStarted)
        /// libmicrohttpd could not start, typically because the address is in use or not local.
        public static let startFailed = Code(.startFailed)

        /// The name of the code.
        public var description: String {
            base.rawValue
        }
    }

    /// What went wrong.
    public let code: Code
    /// Details for the operator, such as libmicrohttpd's own messages; no request data.
    public let message: String

    /// Creates an error.
    public init(_ code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// The code and message.
    public var description: String {
        "\(code): \(message)"
    }
}
