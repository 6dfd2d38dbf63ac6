import KeywardHTTP
import KeywardSupport
import Testing

@Suite("Trusted proxies")
struct ForwardingTests {
    static let proxies = [IPNetwork("10.0.0.0/8")!, IPNetwork("2001:db8::/32")!]

    static func request(peer: String, headers: HTTPHeaders, trusted: [IPNetwork] = proxies) -> Request {
        Request(method: .get, target: "/", headers: headers, peerAddress: IPAddress(peer)!, trustedProxies: trusted)!
    }

    @Test(
        "X-Forwarded-For resolution",
        arguments: [
            // Untrusted peer: headers ignored.
            ("203.0.113.5", ["198.51.100.1"], "203.0.113.5"),
            // Trusted peer: the right-most untrusted entry.
            ("10.0.0.2", ["198.51.100.1"], "198.51.100.1"),
            ("10.0.0.2", ["6.6.6.6, 198.51.100.1"], "198.51.100.1"),
            ("10.0.0.2", ["6.6.6.6, 198.51.100.1, 10.1.1.1"], "198.51.100.1"),
            ("10.0.0.2", ["6.6.6.6", "198.51.100.1, 10.1.1.1"], "198.51.100.1"),
            // Every entry trusted: the left-most.
            ("10.0.0.2", ["10.9.9.9, 10.1.1.1"], "10.9.9.9"),
            // Garbage stops the walk at the last good address.
            ("10.0.0.2", ["6.6.6.6, garbage, 10.1.1.1"], "10.1.1.1"),
            ("10.0.0.2", ["garbage"], "10.0.0.2"),
            ("10.0.0.2", [""], "10.0.0.2"),
            // Ports and brackets, IPv6, mapped addresses.
            ("10.0.0.2", ["198.51.100.1:4711"], "198.51.100.1"),
            ("10.0.0.2", ["[2001:db9::1]:443"], "2001:db9::1"),
            ("2001:db8::5", ["2001:db9::7"], "2001:db9::7"),
            ("::ffff:10.0.0.2", ["::ffff:198.51.100.9"], "198.51.100.9"),
            // No header.
            ("10.0.0.2", [], "10.0.0.2"),
        ])
    func forwardedFor(peer: String, forwardedFor: [String], expected: String) {
        var headers = HTTPHeaders()
        for value in forwardedFor { headers.add(name: "X-Forwarded-For", value: value) }
        let request = Self.request(peer: peer, headers: headers)
        #expect(request.clientAddress.description == expected)
        #expect(request.peerAddress == IPAddress(peer)!.normalized)
    }

    @Test("X-Forwarded-Proto and X-Request-Id are believed only from trusted proxies")
    func protoAndRequestID() {
        let headers: HTTPHeaders = ["X-Forwarded-Proto": "HTTPS", "X-Request-Id": "edge-1234"]
        let trusted = Self.request(peer: "10.0.0.2", headers: headers)
        #expect(trusted.isForwardedSecure)
        #expect(trusted.requestID == "edge-1234")

        let untrusted = Self.request(peer: "203.0.113.5", headers: headers)
        #expect(!untrusted.isForwardedSecure)
        #expect(untrusted.requestID != "edge-1234")
        #expect(untrusted.requestID.count == 16)

        let appended = Self.request(peer: "10.0.0.2", headers: ["X-Forwarded-Proto": "https, http"])
        #expect(!appended.isForwardedSecure)

        let forged = Self.request(peer: "10.0.0.2", headers: ["X-Request-Id": "bad id\nINJECTED"])
        #expect(forged.requestID != "bad id\nINJECTED")
        #expect(forged.requestID.count == 16)
    }

    @Test("Request ids are unique hexadecimal strings")
    func requestIDs() {
        let ids = (0..<1000).map { _ in Request(method: .get, target: "/")!.requestID }
        #expect(Set(ids).count == 1000)
        #expect(ids.allSatisfy { $0.count == 16 && $0.allSatisfy(\.isHexDigit) })
    }

    @Test("Over a socket, X-Forwarded-For counts only when the peer is trusted")
    func overSocket() throws {
        var router = Router()
        router.get("/who") { request in
            .text("\(request.clientAddress) \(request.isForwardedSecure) \(request.requestID)")
        }
        let trusting = try TestServer(router: router) { $0.trustedProxies = [IPNetwork("127.0.0.1")!] }
        defer { trusting.stop() }
        let client = try trusting.client()
        let forwarded = try client.request(
            "GET",
            "/who",
            headers: [
                ("X-Forwarded-For", "203.0.113.9, 198.51.100.3"), ("X-Forwarded-Proto", "https"),
                ("X-Request-Id", "abc-123"),
            ]
        )
        #expect(forwarded.text == "198.51.100.3 true abc-123")

        let distrusting = try TestServer(router: router) { $0.trustedProxies = [IPNetwork("10.0.0.0/8")!] }
        defer { distrusting.stop() }
        let direct = try distrusting.client().request(
            "GET",
            "/who",
            headers: [("X-Forwarded-For", "198.51.100.3"), ("X-Forwarded-Proto", "https"), ("X-Request-Id", "abc-123")]
        )
        let parts = direct.text.split(separator: " ")
        #expect(parts.count == 3)
        #expect(parts.first == "127.0.0.1")
        #expect(parts.dropFirst().first == "false")
        #expect(parts.last != "abc-123")
    }
}
