/// The admin area's URLs, below the router's prefix (`/admin`, or `/billing/admin` behind a prefix).
///
/// Every link and form action is built here, so the area can be mounted anywhere and a redirect
/// target taken from a request can be checked to stay inside it.
struct AdminPaths: Sendable, Hashable {
    /// The area's root without a trailing slash, such as `/admin`.
    let base: String

    /// Creates the paths for a router mounted at `prefix` (empty for the root).
    init(prefix: String) {
        var prefix = prefix
        while prefix.hasSuffix("/") { prefix.removeLast() }
        base = prefix + "/admin"
    }

    /// A path below the area: `path("/login")` is `/admin/login`.
    func path(_ sub: String) -> String { base + sub }

    /// A path below the area with a query string; empty values are left out.
    func path(_ sub: String, query: [(String, String)]) -> String {
        let pairs = query.filter { !$0.1.isEmpty }
        guard !pairs.isEmpty else { return base + sub }
        return base + sub + "?" + pairs.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
    }

    /// The dashboard.
    var home: String { base + "/" }
    /// The sign-in page.
    var signIn: String { base + "/login" }
    /// The sign-out action.
    var signOut: String { base + "/logout" }
    /// The cookie path: the whole area.
    var cookiePath: String { base }

    /// An asset's path, without the version query.
    func asset(_ name: String) -> String { base + "/assets/" + name }

    /// Whether a path taken from a request (a `return` field) is a page of this area, so that
    /// redirecting to it cannot send the browser elsewhere.
    func isInside(_ target: String) -> Bool {
        guard target == base || target.hasPrefix(base + "/") || target.hasPrefix(base + "?") else { return false }
        return !target.contains("//") && !target.contains("\\")
            && !target.unicodeScalars.contains { $0.value < 0x21 || $0.value == 0x7f }
    }

    /// A redirect target from a request, or `fallback` when it is missing or points outside.
    func safeReturn(_ target: String?, fallback: String) -> String {
        guard let target, isInside(target) else { return fallback }
        return target
    }

    /// Percent-encodes a query component: everything but unreserved characters.
    static func encode(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out = [UInt8]()
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.append(byte)
            default:
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0f)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
