import KeywardSupport

/// Formats access-log lines.
///
/// One line per request: `method=POST route=/includes/api.php status=200 duration_us=85 client=192.0.2.7
/// request_id=4f1c9a0b7d2e8c13 bytes=214`, plus `termination=…` when the request did not complete normally.
/// The route is the matched pattern, never the raw path or query string, and no header or body is ever logged,
/// so secrets in URLs, cookies and forms stay out of the logs.
enum AccessLog {
    /// The message of one access-log line.
    static func message(
        method: HTTPMethod?,
        route: String?,
        status: Int,
        durationMicroseconds: UInt64,
        client: IPAddress?,
        requestID: String?,
        bytes: Int,
        termination: String?
    ) -> String {
        var line = "method="
        line.reserveCapacity(160)
        line += method?.rawValue ?? "-"
        line += " route="
        line += route ?? "-"
        line += " status="
        line += status > 0 ? String(status) : "-"
        line += " duration_us="
        line += String(durationMicroseconds)
        line += " client="
        line += client?.description ?? "-"
        line += " request_id="
        line += requestID ?? "-"
        line += " bytes="
        line += String(bytes)
        if let termination {
            line += " termination="
            line += termination
        }
        return line
    }
}
