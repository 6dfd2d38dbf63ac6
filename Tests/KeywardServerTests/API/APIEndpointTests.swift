import KeywardServer
import Testing

/// The WHMCS protocol's main cases, each run in-process and over a real socket.
@Suite("API endpoint", .serialized)
struct APIEndpointTests {
    static let server = try! APITestServer()
    var server: APITestServer { Self.server }

    func auth(_ extra: [(String, String)]) -> [(String, String)] {
        [("identifier", server.identifier), ("secret", server.secret)] + extra
    }

    @Test("Authenticated GetAdminDetails in JSON", arguments: APITestServer.Transport.allCases)
    func success(_ transport: APITestServer.Transport) {
        let r = server.post(auth([("action", "GetAdminDetails"), ("responsetype", "json")]), via: transport)
        #expect(r.status == 200)
        #expect(r.contentType == "application/json")
        #expect(r.body.hasPrefix(#"{"result":"success","adminid":"1","name":"Ada Admin""#))
    }

    @Test("Wrong secret", arguments: APITestServer.Transport.allCases)
    func wrongSecret(_ transport: APITestServer.Transport) {
        let r = server.post(
            [
                ("identifier", server.identifier), ("secret", "nope"), ("action", "GetAdminDetails"),
                ("responsetype", "json"),
            ],
            via: transport
        )
        #expect(r.status == 403)
        #expect(r.body == #"{"result":"error","message":"Authentication Failed"}"#)
    }

    @Test("Empty action", arguments: APITestServer.Transport.allCases)
    func emptyAction(_ transport: APITestServer.Transport) {
        let r = server.post(auth([("action", ""), ("responsetype", "json")]), via: transport)
        #expect(r.status == 400)
        #expect(r.body == #"{"result":"error","message":"Empty action request"}"#)
    }

    @Test("Unknown action, echoed lower-cased", arguments: APITestServer.Transport.allCases)
    func unknownAction(_ transport: APITestServer.Transport) {
        let r = server.post(auth([("action", "FrobNicate")]), via: transport)
        #expect(r.status == 400)
        #expect(r.contentType == "text/plain")
        #expect(r.body == #"result=error;message=Invalid API Action: "frobnicate" is not a valid API action"#)
    }

    @Test("Action outside the credential's roles", arguments: APITestServer.Transport.allCases)
    func notAllowed(_ transport: APITestServer.Transport) {
        let r = server.post(auth([("action", "GetAdminUsers"), ("responsetype", "xml")]), via: transport)
        #expect(r.status == 403)
        #expect(r.contentType == "application/xml")
        #expect(r.body.contains("<action>getadminusers</action>"))
        #expect(
            r.body.contains(
                #"<message>Invalid Permissions: API action &quot;getadminusers&quot; is not allowed</message>"#))
    }

    @Test(
        "Case-insensitive actions and the credential in username/password", arguments: APITestServer.Transport.allCases)
    func usernamePassword(_ transport: APITestServer.Transport) {
        let r = server.post(
            [
                ("username", server.identifier), ("password", server.secret), ("action", "WHMCSDETAILS"),
                ("responsetype", "json"),
            ],
            via: transport
        )
        #expect(r.status == 200)
        #expect(r.body.contains(#""product":"Keyward""#))
    }
}
