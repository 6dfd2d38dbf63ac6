/// Why a ``Cookie`` could not be created. The message never contains the cookie's name or value.
public struct CookieError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong. New codes may be added; switch with a `default`.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case invalidName
            case invalidValue
            case invalidAttribute
            case insecureCookie
        }

        private let base: Base

        private init(_ base: Base) {
            self.base = base
        }

        /// The name is empty or not an RFC 9110 token.
        public static let invalidName = Code(.invalidName)
        /// The value contains characters outside RFC 6265's cookie-octets.
        public static let invalidValue = Code(.invalidValue)
        /// The path or domain contains `;` or control characters.
        public static let invalidAttribute = Code(.invalidAttribute)
        /// The attributes break a security rule: `SameSite=None` or a `__Secure-` name without `Secure`, or a
        /// `__Host-` name without `Secure` and `Path=/`, or with `Domain`.
        public static let insecureCookie = Code(.insecureCookie)

        /// The name of the code.
        public var description: String {
            base.rawValue
        }
    }

    /// What went wrong.
    public let code: Code

    /// Creates an error.
    public init(_ code: Code) {
        self.code = code
    }

    /// The code, for logs.
    public var description: String {
        "Invalid cookie: \(code)"
    }
}
