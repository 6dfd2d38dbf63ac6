import KeywardCore
import KeywardHTTP

/// How an error looks to an admin: a status, a heading and a message that is safe to show.
///
/// This is the admin area's one mapping from errors to answers. ``KeywardError`` messages are made
/// for clients and are shown as they are, except for storage and internal failures, which get a
/// generic sentence (their details go to the log only). Anything else is "Something went wrong."
struct ErrorPresentation: Sendable, Hashable {
    /// The status to answer with.
    var status: HTTPStatus
    /// A short heading.
    var title: String
    /// A sentence for the admin.
    var message: String
    /// Whether the error is Keyward's fault and belongs in the log.
    var isServerFault: Bool

    /// The presentation of any error.
    init(_ error: any Error) {
        switch error {
        case let error as KeywardError:
            self.init(error)
        case let error as FormError:
            self.init(status: .badRequest, title: "Bad Request", message: error.message, isServerFault: false)
        case let error as HTTPError:
            self.init(
                status: error.status,
                title: error.status.reasonPhrase,
                message: error.message,
                isServerFault: error.status.code >= 500
            )
        default:
            self.init(
                status: .internalServerError,
                title: "Something went wrong",
                message: "Something went wrong. Please try again; if it keeps happening, check Keyward's log.",
                isServerFault: true
            )
        }
    }

    /// The presentation of a domain error.
    init(_ error: KeywardError) {
        switch error.code {
        case .notFound:
            self.init(status: .notFound, title: "Not Found", message: error.message, isServerFault: false)
        case .conflict:
            self.init(status: .conflict, title: "That Cannot Be Done", message: error.message, isServerFault: false)
        case .invalidInput:
            self.init(
                status: .unprocessableContent, title: "Invalid Input", message: error.message, isServerFault: false)
        case .unauthenticated:
            self.init(status: .unauthorized, title: "Sign In Required", message: error.message, isServerFault: false)
        case .forbidden:
            self.init(status: .forbidden, title: "Access Denied", message: error.message, isServerFault: false)
        case .rateLimited:
            self.init(
                status: .tooManyRequests, title: "Too Many Requests", message: error.message, isServerFault: false)
        case .storage, .unavailable:
            self.init(
                status: .serviceUnavailable,
                title: "Service Unavailable",
                message: "The database cannot be reached right now. Please try again in a moment.",
                isServerFault: true
            )
        default:
            self.init(
                status: .internalServerError,
                title: "Something went wrong",
                message: "Something went wrong. Please try again; if it keeps happening, check Keyward's log.",
                isServerFault: true
            )
        }
    }

    /// Creates a presentation.
    init(status: HTTPStatus, title: String, message: String, isServerFault: Bool) {
        self.status = status
        self.title = title
        self.message = message
        self.isServerFault = isServerFault
    }

    /// Whether a form can show the message next to its fields and be corrected.
    static func isCorrectable(_ error: any Error) -> Bool {
        guard let error = error as? KeywardError else { return false }
        return error.code == .invalidInput || error.code == .conflict || error.code == .notFound
    }
}
