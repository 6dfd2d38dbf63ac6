/// An IPv4 or IPv6 address, without port or zone.
///
/// `IPAddress` is a small value type (no heap storage) used wherever the project compares client
/// addresses: allowlists, trusted proxies, logs.
///
/// Equality is structural: `::ffff:192.0.2.1` (an IPv4-mapped IPv6 address, which is what a dual-stack
/// socket reports for an IPv4 client) is **not** `==` to `192.0.2.1`. Compare ``normalized`` values when
/// the distinction does not matter; ``IPNetwork/contains(_:)`` already does.
public struct IPAddress: Hashable, Sendable {
    /// The address family.
    public enum Family: Hashable, Sendable {
        /// IPv4: 32 bits.
        case v4
        /// IPv6: 128 bits.
        case v6
    }

    /// The family of the address.
    public let family: Family
    /// The high 64 bits of an IPv6 address; zero for IPv4.
    let high: UInt64
    /// The low 64 bits of an IPv6 address, or the IPv4 address in its low 32 bits.
    let low: UInt64

    /// Creates an IPv4 address from its 32-bit value in host byte order (`0x7F00_0001` is `127.0.0.1`).
    public init(v4 value: UInt32) {
        self.family = .v4
        self.high = 0
        self.low = UInt64(value)
    }

    /// Creates an IPv6 address from its two 64-bit halves in host byte order.
    ///
    /// - Parameters:
    ///   - high: The first eight bytes (`0x2001_0db8_0000_0000` for `2001:db8::`).
    ///   - low: The last eight bytes.
    public init(v6 high: UInt64, _ low: UInt64) {
        self.family = .v6
        self.high = high
        self.low = low
    }

    /// Creates an IPv4 address from its four bytes in network order, or `nil` when there are not exactly four.
    public init?(v4 bytes: some Collection<UInt8>) {
        guard bytes.count == 4 else { return nil }
        var value: UInt32 = 0
        for byte in bytes { value = value << 8 | UInt32(byte) }
        self.init(v4: value)
    }

    /// Creates an IPv6 address from its sixteen bytes in network order, or `nil` when there are not exactly
    /// sixteen.
    public init?(v6 bytes: some Collection<UInt8>) {
        guard bytes.count == 16 else { return nil }
        var high: UInt64 = 0
        var low: UInt64 = 0
        for (index, byte) in bytes.enumerated() {
            if index < 8 {
                high = high << 8 | UInt64(byte)
            } else {
                low = low << 8 | UInt64(byte)
            }
        }
        self.init(v6: high, low)
    }

    /// The IPv4 loopback address, `127.0.0.1`.
    public static let loopbackV4 = IPAddress(v4: 0x7F00_0001)
    /// The IPv6 loopback address, `::1`.
    public static let loopbackV6 = IPAddress(v6: 0, 1)
    /// The IPv4 unspecified address, `0.0.0.0` (listen on every interface).
    public static let anyV4 = IPAddress(v4: 0)
    /// The IPv6 unspecified address, `::` (listen on every interface).
    public static let anyV6 = IPAddress(v6: 0, 0)

    /// The 32-bit value of an IPv4 address in host byte order; `nil` for IPv6.
    public var v4Value: UInt32? {
        family == .v4 ? UInt32(truncatingIfNeeded: low) : nil
    }

    /// The address bytes in network order: four for IPv4, sixteen for IPv6.
    public var bytes: [UInt8] {
        switch family {
        case .v4:
            return (0..<4).map { UInt8(truncatingIfNeeded: low >> (24 - 8 * UInt64($0))) }
        case .v6:
            let first = (0..<8).map { UInt8(truncatingIfNeeded: high >> (56 - 8 * UInt64($0))) }
            let second = (0..<8).map { UInt8(truncatingIfNeeded: low >> (56 - 8 * UInt64($0))) }
            return first + second
        }
    }

    /// Whether this is an IPv4-mapped IPv6 address (`::ffff:a.b.c.d`).
    public var isIPv4Mapped: Bool {
        family == .v6 && high == 0 && low >> 32 == 0xFFFF
    }

    /// The address with an IPv4-mapped IPv6 address (`::ffff:192.0.2.1`) turned into its IPv4 address
    /// (`192.0.2.1`); any other address unchanged.
    ///
    /// A dual-stack listener reports IPv4 clients as mapped addresses: normalize before comparing with
    /// configured IPv4 addresses.
    public var normalized: IPAddress {
        isIPv4Mapped ? IPAddress(v4: UInt32(truncatingIfNeeded: low)) : self
    }

    /// The IPv4-mapped IPv6 form of an IPv4 address (`::ffff:192.0.2.1`); an IPv6 address unchanged.
    public var ipv4Mapped: IPAddress {
        family == .v4 ? IPAddress(v6: 0, 0xFFFF_0000_0000 | low) : self
    }

    /// Whether this is a loopback address: `127.0.0.0/8`, `::1`, or an IPv4-mapped `127.0.0.0/8` address.
    public var isLoopback: Bool {
        let address = normalized
        switch address.family {
        case .v4: return address.low >> 24 == 127
        case .v6: return address.high == 0 && address.low == 1
        }
    }

    /// The number of bits: 32 or 128.
    var bitWidth: Int {
        family == .v4 ? 32 : 128
    }

    /// Whether this is the unspecified address (`0.0.0.0` or `::`).
    public var isUnspecified: Bool {
        high == 0 && low == 0
    }
}
