extension Router {
    /// 404 in plain text.
    static let defaultNotFound: @Sendable (Request) -> Response = { _ in
        .text("Not Found", status: .notFound)
    }

    /// 405 in plain text.
    static let defaultMethodNotAllowed: @Sendable (Request, [HTTPMethod]) -> Response = { _, _ in
        .text("Method Not Allowed", status: .methodNotAllowed)
    }

    /// ``HTTPError`` and ``FormError`` as they say; anything else as a generic 500.
    static let defaultError: @Sendable (Request, any Error) -> Response = { _, error in
        switch error {
        case let error as HTTPError:
            return .text(error.message, status: error.status)
        case let error as FormError:
            return .text(error.message, status: .badRequest)
        default:
            return Response.internalError
        }
    }
}
