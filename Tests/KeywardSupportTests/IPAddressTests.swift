import KeywardSupport
import Testing

@Suite("IPAddress")
struct IPAddressTests {
    @Test(
        "Valid addresses print canonically",
        arguments: [
            ("0.0.0.0", "0.0.0.0"),
            ("127.0.0.1", "127.0.0.1"),
            ("255.255.255.255", "255.255.255.255"),
            ("192.0.2.10", "192.0.2.10"),
            ("::", "::"),
            ("::1", "::1"),
            ("1::", "1::"),
            ("2001:DB8::1", "2001:db8::1"),
            ("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
            ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),
            ("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),
            ("2001:0:0:1:0:0:0:1", "2001:0:0:1::1"),
            ("fe80::0202:b3ff:fe1e:8329", "fe80::202:b3ff:fe1e:8329"),
            ("::ffff:192.0.2.1", "::ffff:192.0.2.1"),
            ("::FFFF:c000:0201", "::ffff:192.0.2.1"),
            ("64:ff9b::192.0.2.33", "64:ff9b::c000:221"),
            ("1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"),
            ("1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0"),
            ("::2:3:4:5:6:7:8", "0:2:3:4:5:6:7:8"),
            ("1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:102:304"),
        ])
    func canonical(input: String, expected: String) throws {
        let address = try #require(IPAddress(input))
        #expect(address.description == expected)
        #expect(IPAddress(expected) == address)
    }

    @Test(
        "Invalid addresses are rejected",
        arguments: [
            "", " 1.2.3.4", "1.2.3.4 ", "1.2.3", "1.2.3.4.5", "256.0.0.1", "1.2.3.-1", "01.2.3.4", "1.2.3.04",
            "1.2.3.00", "0x7f.0.0.1", "127.1", "1..2.3", "1.2.3.", ".1.2.3", "1.2.3.4/32", "a.b.c.d",
            ":", ":::", "1:::2", "1::2::3", ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:", "1:2:3:4:5:6:7:8:9",
            "1:2:3:4:5:6:7", "12345::", "g::1", "fe80::1%eth0", "[::1]", "::1.2.3", "::1.2.3.4.5",
            "1:2:3:4:5:6:7:1.2.3.4", "::ffff:01.2.3.4", "1::2:3:4:5:6:7:8", "2001:db8::1:", "::1 ",
        ])
    func invalid(input: String) {
        #expect(IPAddress(input) == nil)
    }

    @Test("Raw bytes round-trip")
    func rawBytes() throws {
        let v4 = try #require(IPAddress(v4: [192, 0, 2, 1]))
        #expect(v4.description == "192.0.2.1")
        #expect(v4.bytes == [192, 0, 2, 1])
        #expect(v4.family == .v4)
        #expect(v4.v4Value == 0xC000_0201)

        let bytes: [UInt8] = [0x20, 0x01, 0x0D, 0xB8] + [UInt8](repeating: 0, count: 11) + [1]
        let v6 = try #require(IPAddress(v6: bytes))
        #expect(v6.description == "2001:db8::1")
        #expect(v6.bytes == bytes)
        #expect(v6.family == .v6)
        #expect(v6.v4Value == nil)

        #expect(IPAddress(v4: [1, 2, 3]) == nil)
        #expect(IPAddress(v6: [UInt8](repeating: 0, count: 15)) == nil)
    }

    @Test("IPv4-mapped addresses normalize to IPv4")
    func mapped() throws {
        let mapped = try #require(IPAddress("::ffff:10.1.2.3"))
        let plain = try #require(IPAddress("10.1.2.3"))
        #expect(mapped.isIPv4Mapped)
        #expect(mapped != plain)
        #expect(mapped.normalized == plain)
        #expect(plain.normalized == plain)
        #expect(plain.ipv4Mapped == mapped)
        #expect(try #require(IPAddress("::1")).normalized == .loopbackV6)
    }

    @Test(
        "Loopback detection",
        arguments: [
            ("127.0.0.1", true), ("127.255.0.9", true), ("::1", true), ("::ffff:127.0.0.1", true),
            ("128.0.0.1", false), ("::", false), ("::2", false), ("10.0.0.1", false), ("0:0:0:0:0:0:0:1", true),
        ])
    func loopback(input: String, expected: Bool) throws {
        #expect(try #require(IPAddress(input)).isLoopback == expected)
    }

    @Test("Hashable and usable as a key")
    func hashing() throws {
        let set: Set<IPAddress> = [
            try #require(IPAddress("::1")), try #require(IPAddress("0::1")), try #require(IPAddress("127.0.0.1")),
        ]
        #expect(set.count == 2)
    }
}
