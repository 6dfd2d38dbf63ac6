/// A cookie to set with `Set-Cookie` (RFC 6265), with safe defaults: `Path=/`, `Secure`, `HttpOnly`,
/// `SameSite=Lax`.
///
/// The initializer validates every part, so a cookie built from unexpected input cannot inject attributes or
/// split the header.
public struct Cookie: Sendable, Hashable {
    /// The `SameSite` attribute.
    public enum SameSite: String, Sendable, Hashable {
        /// Sent only with same-site requests.
        case strict = "Strict"
        /// Sent with same-site requests and top-level navigations.
        case lax = "Lax"
        /// Sent with every request; requires `Secure`.
        case none = "None"
    }

    /// The name.
    public let name: String
    /// The value.
    public let value: String
    /// The `Path` attribute, or `nil`.
    public let path: String?
    /// The `Domain` attribute, or `nil` for a host-only cookie (the safer choice).
    public let domain: String?
    /// The `Max-Age` attribute in seconds, or `nil` for a session cookie. Zero or less deletes the cookie.
    public let maxAge: Int?
    /// Whether the cookie is sent over HTTPS only.
    public let secure: Bool
    /// Whether scripts are denied access to the cookie.
    public let httpOnly: Bool
    /// The `SameSite` attribute.
    public let sameSite: SameSite

    /// Creates a cookie.
    ///
    /// - Throws: ``CookieError`` when the name is not a token, the value contains characters outside RFC 6265's
    ///   cookie-octets (such as spaces, quotes inside, `;`, `,`, `\` or control characters), the path or domain
    ///   contains `;` or control characters, `SameSite=None` comes without `Secure`, or a `__Secure-` or
    ///   `__Host-` name lacks the attributes its prefix demands.
    public init(
        name: String,
        value: String,
        path: String? = "/",
        domain: String? = nil,
        maxAge: Int? = nil,
        secure: Bool = true,
        httpOnly: Bool = true,
        sameSite: SameSite = .lax
    ) throws(CookieError) {
        guard !name.isEmpty, name.utf8.allSatisfy(Cookie.isTokenByte) else { throw CookieError(.invalidName) }
        guard Cookie.isValidValue(value) else { throw CookieError(.invalidValue) }
        for attribute in [path, domain].compactMap(\.self) where !Cookie.isValidAttribute(attribute) {
            throw CookieError(.invalidAttribute)
        }
        if sameSite == .none, !secure { throw CookieError(.insecureCookie) }
        if name.hasPrefix("__Secure-"), !secure { throw CookieError(.insecureCookie) }
        if name.hasPrefix("__Host-"), !secure || path != "/" || domain != nil { throw CookieError(.insecureCookie) }
        self.name = name
        self.value = value
        self.path = path
        self.domain = domain
        self.maxAge = maxAge
        self.secure = secure
        self.httpOnly = httpOnly
        self.sameSite = sameSite
    }

    /// A cookie that makes the browser delete `name`: empty value, `Max-Age=0`, and the same path, domain and
    /// prefix attributes as when it was set.
    public static func expired(name: String, path: String? = "/", domain: String? = nil) throws(CookieError) -> Cookie {
        try Cookie(name: name, value: "", path: path, domain: domain, maxAge: 0)
    }

    /// The `Set-Cookie` header value: `name=value; Path=/; Max-Age=3600; Secure; HttpOnly; SameSite=Lax`.
    public var headerValue: String {
        var text = "\(name)=\(value)"
        if let path { text += "; Path=\(path)" }
        if let domain { text += "; Domain=\(domain)" }
        if let maxAge { text += "; Max-Age=\(max(0, maxAge))" }
        if secure { text += "; Secure" }
        if httpOnly { text += "; HttpOnly" }
        text += "; SameSite=\(sameSite.rawValue)"
        return text
    }

    /// RFC 9110 token characters.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }

    /// RFC 6265 cookie-value: cookie-octets, optionally inside one pair of double quotes.
    static func isValidValue(_ value: String) -> Bool {
        var bytes = Substring(value).utf8[...]
        if bytes.count >= 2, bytes.first == UInt8(ascii: "\""), bytes.last == UInt8(ascii: "\"") {
            bytes = bytes.dropFirst().dropLast()
        }
        return bytes.allSatisfy { byte in
            byte == 0x21 || (0x23...0x2B).contains(byte) || (0x2D...0x3A).contains(byte)
                || (0x3C...0x5B).contains(byte) || (0x5D...0x7E).contains(byte)
        }
    }

    /// An attribute value: visible ASCII and spaces, without `;`.
    static func isValidAttribute(_ value: String) -> Bool {
        value.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ";") }
    }
}
