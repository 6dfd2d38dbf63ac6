import KeywardHTTP

/// The headers every admin-area response carries: a Content-Security-Policy without
/// `unsafe-inline` (the area has no inline script or style at all), no framing, no sniffing, no
/// referrer to other sites, and no caching of pages that show account data.
enum SecurityHeaders {
    /// The policy: everything from this origin only, images also as `data:` URLs, no plugins, no
    /// framing, forms only to this origin.
    static let contentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; "
        + "frame-ancestors 'none'; form-action 'self'; base-uri 'none'"

    /// Adds the headers; pages (everything but assets) are also marked `no-store`.
    static func apply(to response: inout Response, isPage: Bool = true) {
        response.headers.replaceOrAdd(name: "Content-Security-Policy", value: contentSecurityPolicy)
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        response.headers.replaceOrAdd(name: "Cross-Origin-Opener-Policy", value: "same-origin")
        response.headers.replaceOrAdd(name: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()")
        if isPage {
            response.headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
        }
    }
}
