import KeywardHTTP

/// The CSRF check of state-changing requests: the session's token must come back in the form
/// field ``fieldName`` or, from the script, in the header ``headerName``.
///
/// The session cookie is `SameSite=Strict` as well, so a cross-site form cannot even carry the
/// session; the token is the second, independent line.
enum CSRFCheck {
    /// The hidden form field.
    static let fieldName = "csrf_token"
    /// The header the script sends.
    static let headerName = "X-CSRF-Token"

    /// The token a request presents: the body field, else the header.
    static func presented(body: FormData, request: Request) -> String? {
        if let value = body[fieldName], !value.isEmpty { return value }
        if let value = request.headers[headerName], !value.isEmpty { return value }
        return nil
    }

    /// Whether a presented token equals the expected one, compared in constant time.
    static func matches(_ presented: String?, expected: String) -> Bool {
        guard let presented, !expected.isEmpty else { return false }
        return constantTimeEquals(Array(presented.utf8), Array(expected.utf8))
    }

    /// Byte equality whose time depends only on the lengths.
    static func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for index in lhs.indices { difference |= lhs[index] ^ rhs[index] }
        return difference == 0
    }

    /// The hidden field for a form.
    static func field(_ token: String) -> HTML {
        "<input type=\"hidden\" name=\"\(fieldName)\" value=\"\(token)\">"
    }
}
