extension IPNetwork: LosslessStringConvertible {
    /// Parses `address` or `address/prefix`.
    ///
    /// The address follows ``IPAddress/init(_:)``. The prefix is a decimal number without sign or leading zeros,
    /// at most 32 for IPv4 and 128 for IPv6; without one, the network is the single address. Host bits are
    /// accepted and cleared: `192.0.2.7/24` is `192.0.2.0/24`.
    ///
    /// - Parameter text: The network, for example `10.0.0.0/8`, `2001:db8::/32`, `192.0.2.7` or `::1`.
    public init?(_ text: String) {
        guard let slash = text.utf8.firstIndex(of: UInt8(ascii: "/")) else {
            guard let address = IPAddress(text) else { return nil }
            self.init(address)
            return
        }
        guard let address = IPAddress(String(text[..<slash])) else { return nil }
        let digits = text.utf8[text.utf8.index(after: slash)...]
        guard !digits.isEmpty, digits.count <= 3, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            return nil
        }
        guard digits.count == 1 || digits.first != UInt8(ascii: "0") else { return nil }
        let prefix = digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        self.init(address: address, prefixLength: prefix)
    }

    /// The canonical CIDR text, always with a prefix: `10.0.0.0/8`, `192.0.2.7/32`, `2001:db8::/32`.
    public var description: String {
        "\(address)/\(prefixLength)"
    }
}
