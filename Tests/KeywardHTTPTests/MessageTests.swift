import KeywardHTTP
import Testing

@Suite("Messages")
struct MessageTests {
    @Test("Headers keep order and look up case-insensitively")
    func headers() {
        var headers: HTTPHeaders = ["Content-Type": "text/plain", "X-Multi": "1"]
        headers.add(name: "x-multi", value: "2")
        #expect(headers["content-type"] == "text/plain")
        #expect(headers["CONTENT-TYPE"] == "text/plain")
        #expect(headers["Content-Typ"] == nil)
        #expect(headers["Content-Typf"] == nil)
        #expect(headers.values(for: "X-MULTI") == ["1", "2"])
        #expect(headers.contains("x-Multi"))
        headers.replaceOrAdd(name: "X-Multi", value: "3")
        #expect(headers.values(for: "x-multi") == ["3"])
        headers.remove(name: "CONTENT-type")
        #expect(!headers.contains("Content-Type"))
        #expect(headers.count == 1)
        #expect(headers.map(\.name) == ["X-Multi"])
        // Non-letters do not fold: "[" (0x5B) is not "{" (0x7B).
        let brackets: HTTPHeaders = ["a[": "1"]
        #expect(brackets["a{"] == nil)
    }

    @Test("Printing headers redacts credentials")
    func redaction() {
        let headers: HTTPHeaders = [
            "Authorization": "Bearer secret", "Cookie": "s=secret", "Set-Cookie": "s=secret", "Accept": "*/*",
        ]
        #expect(!headers.description.contains("secret"))
        #expect(headers.description.contains("Accept: */*"))
    }

    @Test("Response conveniences")
    func responses() {
        #expect(Response.text("hi").headers["Content-Type"] == "text/plain; charset=utf-8")
        #expect(Response.html("<p>").headers["Content-Type"] == "text/html; charset=utf-8")
        #expect(Response.json([123, 125], status: .created).status == .created)
        #expect(Response.json([]).headers["Content-Type"] == "application/json")
        let redirect = Response.redirect(to: "/login")
        #expect(redirect.status == .seeOther)
        #expect(redirect.headers["Location"] == "/login")
        #expect(Response.empty().status.code == 204)
        #expect(Response.empty(.accepted).body.isEmpty)
    }

    @Test("Statuses and methods")
    func statusesAndMethods() {
        #expect(HTTPStatus.contentTooLarge.description == "413 Content Too Large")
        #expect(HTTPStatus(code: 599).reasonPhrase == "Unknown")
        let teapot: HTTPStatus = 418
        #expect(teapot.reasonPhrase == "I'm a teapot")
        #expect(HTTPMethod.get.rawValue == "GET")
        #expect(HTTPMethod(rawValue: "PROPFIND").description == "PROPFIND")
        #expect(HTTPError(.forbidden).message == "Forbidden")
        #expect(HTTPError(.conflict, message: "Exists").description == "409: Exists")
    }
}
