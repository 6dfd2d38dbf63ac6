extension Response {
    /// Adds a `Set-Cookie` header for `cookie`, keeping other cookies.
    public mutating func setCookie(_ cookie: Cookie) {
        headers.add(name: "Set-Cookie", value: cookie.headerValue)
    }

    /// A copy of the response with a `Set-Cookie` header for `cookie` added.
    public func settingCookie(_ cookie: Cookie) -> Response {
        var response = self
        response.setCookie(cookie)
        return response
    }
}
