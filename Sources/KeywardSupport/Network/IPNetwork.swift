/// A range of addresses in CIDR notation: `10.0.0.0/8`, `2001:db8::/32`, or a single address.
///
/// The network address is stored with its host bits cleared, so `10.1.2.3/8` and `10.0.0.0/8` are the same
/// network and both print as `10.0.0.0/8`. A range written as IPv4-mapped IPv6 (`::ffff:10.0.0.0/104`) is
/// stored as the IPv4 range it denotes (`10.0.0.0/8`).
public struct IPNetwork: Hashable, Sendable {
    /// The first address of the range (host bits cleared).
    public let address: IPAddress
    /// The number of leading bits that every address in the range shares: 0–32 for IPv4, 0–128 for IPv6.
    public let prefixLength: Int

    /// Creates the network of `address` with `prefixLength` leading bits, clearing the host bits; `nil` when
    /// the prefix is longer than the address.
    public init?(address: IPAddress, prefixLength: Int) {
        var address = address
        var prefixLength = prefixLength
        guard prefixLength >= 0, prefixLength <= address.bitWidth else { return nil }
        if address.isIPv4Mapped, prefixLength >= 96 {
            address = address.normalized
            prefixLength -= 96
        }
        let (highMask, lowMask) = IPNetwork.masks(prefixLength: prefixLength, bitWidth: address.bitWidth)
        switch address.family {
        case .v4: self.address = IPAddress(v4: UInt32(truncatingIfNeeded: address.low & lowMask))
        case .v6: self.address = IPAddress(v6: address.high & highMask, address.low & lowMask)
        }
        self.prefixLength = prefixLength
    }

    /// The network of exactly one address (`/32` or `/128`).
    public init(_ address: IPAddress) {
        self.address = address.normalized
        self.prefixLength = address.normalized.bitWidth
    }

    /// Whether `address` is in the range.
    ///
    /// IPv4-mapped IPv6 addresses match IPv4 ranges (`::ffff:10.1.2.3` is in `10.0.0.0/8`), and IPv4 addresses
    /// match the IPv6 ranges that contain their mapped form (`10.1.2.3` is in `::/0`).
    public func contains(_ address: IPAddress) -> Bool {
        var candidate = address.normalized
        if self.address.family == .v6, candidate.family == .v4 {
            candidate = candidate.ipv4Mapped
        }
        guard candidate.family == self.address.family else { return false }
        let (highMask, lowMask) = IPNetwork.masks(prefixLength: prefixLength, bitWidth: candidate.bitWidth)
        return candidate.high & highMask == self.address.high && candidate.low & lowMask == self.address.low
    }

    /// The masks that keep the first `prefixLength` bits of each half.
    private static func masks(prefixLength: Int, bitWidth: Int) -> (high: UInt64, low: UInt64) {
        if bitWidth == 32 {
            let mask: UInt64 = prefixLength == 0 ? 0 : (0xFFFF_FFFF << (32 - prefixLength)) & 0xFFFF_FFFF
            return (0, mask)
        }
        let high: UInt64 = prefixLength >= 64 ? .max : (prefixLength == 0 ? 0 : .max << (64 - prefixLength))
        let low: UInt64 = prefixLength <= 64 ? 0 : (prefixLength == 128 ? .max : .max << (128 - prefixLength))
        return (high, low)
    }
}
