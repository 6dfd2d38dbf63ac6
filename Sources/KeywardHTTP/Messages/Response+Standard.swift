extension Response {
    /// The generic 500 for errors that were not made for clients.
    static let internalError = Response.text("Something went wrong.", status: .internalServerError)
    /// 400 for a request target that is not acceptable.
    static let badRequest = Response.text("Bad Request", status: .badRequest)
    /// 431 for a request head over the limit.
    static let headersTooLarge = Response.text(
        "Request Header Fields Too Large",
        status: .requestHeaderFieldsTooLarge
    )
    /// 413 for a body over the limit.
    static let tooLarge = Response.text("Content Too Large", status: .contentTooLarge)
    /// 503 when the deferred-work queue is full.
    static let overloaded = Response.text("Service Unavailable", status: .serviceUnavailable)
    /// 503 for deferred work abandoned by a shutdown.
    static let shuttingDown = Response.text("Service Unavailable", status: .serviceUnavailable)
}
