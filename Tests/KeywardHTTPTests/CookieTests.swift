import KeywardHTTP
import Testing

@Suite("Cookies")
struct CookieTests {
    @Test("Request cookies are parsed; the first of a name wins")
    func requestCookies() throws {
        var headers = HTTPHeaders()
        headers.add(name: "Cookie", value: "session=abc123; theme=\"dark\";  empty=; bad; =novalue; session=later")
        headers.add(name: "cookie", value: "lang=en")
        let request = try #require(Request(method: .get, target: "/", headers: headers))
        #expect(request.cookies == ["session": "abc123", "theme": "dark", "empty": "", "lang": "en"])
        #expect(request.cookie("session") == "abc123")
        #expect(request.cookie("missing") == nil)
    }

    @Test("Set-Cookie has safe defaults and every attribute")
    func setCookie() throws {
        let cookie = try Cookie(name: "session", value: "abc123")
        #expect(cookie.headerValue == "session=abc123; Path=/; Secure; HttpOnly; SameSite=Lax")

        let full = try Cookie(
            name: "__Host-id",
            value: "\"quoted\"",
            maxAge: 3600,
            sameSite: .strict
        )
        #expect(full.headerValue == "__Host-id=\"quoted\"; Path=/; Max-Age=3600; Secure; HttpOnly; SameSite=Strict")

        let plain = try Cookie(
            name: "pref",
            value: "1",
            path: "/admin",
            domain: "example.com",
            secure: false,
            httpOnly: false,
            sameSite: .strict
        )
        #expect(plain.headerValue == "pref=1; Path=/admin; Domain=example.com; SameSite=Strict")

        var response = Response.text("ok")
        response.setCookie(cookie)
        response.setCookie(try Cookie.expired(name: "old"))
        #expect(
            response.headers.values(for: "Set-Cookie") == [
                cookie.headerValue, "old=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Lax",
            ])
        #expect(Response.empty().settingCookie(cookie).headers["set-cookie"] == cookie.headerValue)
    }

    @Test(
        "Unsafe cookies are refused",
        arguments: [
            ("", "v", nil, CookieError.Code.invalidName),
            ("a b", "v", nil, .invalidName),
            ("a;b", "v", nil, .invalidName),
            ("a", "v;Path=/x", nil, .invalidValue),
            ("a", "v w", nil, .invalidValue),
            ("a", "v\r\nX: y", nil, .invalidValue),
            ("a", "v,w", nil, .invalidValue),
            ("a", "v\\w", nil, .invalidValue),
            ("a", "ok", "/x; Domain=evil", .invalidAttribute),
            ("a", "ok", "/x\n", .invalidAttribute),
        ])
    func refused(name: String, value: String, path: String?, code: CookieError.Code) {
        #expect(throws: CookieError(code)) { try Cookie(name: name, value: value, path: path ?? "/") }
    }

    @Test("Security rules of SameSite=None and name prefixes")
    func prefixes() {
        #expect(throws: CookieError(.insecureCookie)) {
            try Cookie(name: "a", value: "b", secure: false, sameSite: .none)
        }
        #expect(throws: CookieError(.insecureCookie)) { try Cookie(name: "__Secure-a", value: "b", secure: false) }
        #expect(throws: CookieError(.insecureCookie)) { try Cookie(name: "__Host-a", value: "b", path: "/x") }
        #expect(throws: CookieError(.insecureCookie)) {
            try Cookie(name: "__Host-a", value: "b", domain: "example.com")
        }
        #expect(throws: Never.self) { try Cookie(name: "a", value: "b", sameSite: .none) }
    }
}
