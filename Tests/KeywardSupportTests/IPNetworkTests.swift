import KeywardSupport
import Testing

@Suite("IPNetwork")
struct IPNetworkTests {
    @Test(
        "Parsing and canonical text",
        arguments: [
            ("10.0.0.0/8", "10.0.0.0/8"),
            ("10.1.2.3/8", "10.0.0.0/8"),
            ("192.0.2.7", "192.0.2.7/32"),
            ("0.0.0.0/0", "0.0.0.0/0"),
            ("192.0.2.255/31", "192.0.2.254/31"),
            ("::1", "::1/128"),
            ("2001:db8::/32", "2001:db8::/32"),
            ("2001:db8:ffff::1/32", "2001:db8::/32"),
            ("2001:db8::1/127", "2001:db8::/127"),
            ("2001:db8::1/65", "2001:db8::/65"),
            ("::/0", "::/0"),
            ("::ffff:10.1.2.3/104", "10.0.0.0/8"),
            ("::ffff:10.1.2.3", "10.1.2.3/32"),
        ])
    func parsing(input: String, expected: String) throws {
        let network = try #require(IPNetwork(input))
        #expect(network.description == expected)
        #expect(IPNetwork(expected) == network)
    }

    @Test(
        "Invalid networks are rejected",
        arguments: [
            "", "/8", "10.0.0.0/", "10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/08", "10.0.0.0/8/8", "::/129",
            "10.0.0.0 /8", "10.0.0.0/ 8", "10.0.0/8", "2001:db8::/1000", "10.0.0.0/+8", "fe80::/10%eth0",
        ])
    func invalid(input: String) {
        #expect(IPNetwork(input) == nil)
    }

    @Test(
        "Containment",
        arguments: [
            ("10.0.0.0/8", "10.255.1.2", true),
            ("10.0.0.0/8", "11.0.0.1", false),
            ("192.0.2.0/24", "192.0.2.255", true),
            ("192.0.2.0/24", "192.0.3.0", false),
            ("192.0.2.7", "192.0.2.7", true),
            ("192.0.2.7", "192.0.2.8", false),
            ("0.0.0.0/0", "203.0.113.9", true),
            ("0.0.0.0/0", "::1", false),
            ("10.0.0.0/8", "::ffff:10.9.9.9", true),
            ("10.0.0.0/8", "::ffff:11.9.9.9", false),
            ("::ffff:10.0.0.0/104", "10.200.0.1", true),
            ("2001:db8::/32", "2001:db8:1234::1", true),
            ("2001:db8::/32", "2001:db9::1", false),
            ("2001:db8::/32", "10.0.0.1", false),
            ("2001:db8::1/127", "2001:db8::", true),
            ("2001:db8::/127", "2001:db8::2", false),
            ("2001:db8::/64", "2001:db8::ffff:ffff:ffff:ffff", true),
            ("2001:db8::/65", "2001:db8::8000:0:0:0", false),
            ("::1", "::1", true),
            ("::1", "127.0.0.1", false),
            ("::/0", "10.0.0.1", true),
            ("::/0", "2001:db8::1", true),
        ])
    func containment(network: String, address: String, expected: Bool) throws {
        let range = try #require(IPNetwork(network))
        let candidate = try #require(IPAddress(address))
        #expect(range.contains(candidate) == expected)
    }

    @Test("Explicit construction")
    func construction() throws {
        let address = try #require(IPAddress("192.0.2.77"))
        #expect(IPNetwork(address: address, prefixLength: 24)?.description == "192.0.2.0/24")
        #expect(IPNetwork(address: address, prefixLength: 33) == nil)
        #expect(IPNetwork(address: address, prefixLength: -1) == nil)
        #expect(IPNetwork(address).prefixLength == 32)
        #expect(IPNetwork(try #require(IPAddress("::ffff:1.2.3.4"))).description == "1.2.3.4/32")
    }
}
