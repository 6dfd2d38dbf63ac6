/// Why a form could not be parsed; safe to show to a client.
///
/// The message never contains any part of the input, so it can go into a 400 response or a log as is.
public struct FormError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong. New codes may be added; switch with a `default`.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case invalidPercentEncoding
            case invalidUTF8
            case nulByte
            case tooManyParameters
            case truncatedMultipart
            case malformedMultipart
            case multipartHeadersTooLarge
            case unsupportedContentType
        }

        private let base: Base

        private init(_ base: Base) {
            self.base = base
        }

        /// A `%` not followed by two hexadecimal digits.
        public static let invalidPercentEncoding = Code(.invalidPercentEncoding)
        /// A name or value that is not UTF-8.
        public static let invalidUTF8 = Code(.invalidUTF8)
        /// A name or value containing NUL.
        public static let nulByte = Code(.nulByte)
        /// More parameters than the parser's limit.
        public static let tooManyParameters = Code(.tooManyParameters)
        /// A multipart body that ends before its closing boundary.
        public static let truncatedMultipart = Code(.truncatedMultipart)
        /// A multipart body that breaks the format: no boundary, a bad delimiter line, a part without a name.
        public static let malformedMultipart = Code(.malformedMultipart)
        /// The headers of one multipart part are longer than the parser's limit.
        public static let multipartHeadersTooLarge = Code(.multipartHeadersTooLarge)
        /// A body whose content type is neither `application/x-www-form-urlencoded` nor `multipart/form-data`.
        public static let unsupportedContentType = Code(.unsupportedContentType)

        /// The name of the code, for example `invalidPercentEncoding`.
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

    /// A sentence for the client.
    public var message: String {
        switch code {
        case .invalidPercentEncoding: "The form contains an invalid percent-encoding."
        case .invalidUTF8: "The form contains text that is not valid UTF-8."
        case .nulByte: "The form contains a NUL character."
        case .tooManyParameters: "The form has too many parameters."
        case .truncatedMultipart: "The multipart form ends before its closing boundary."
        case .malformedMultipart: "The multipart form is malformed."
        case .multipartHeadersTooLarge: "The headers of a multipart form part are too large."
        case .unsupportedContentType: "The body is not a form."
        default: "The form is invalid."
        }
    }

    /// The code and message.
    public var description: String {
        "\(code): \(message)"
    }
}
