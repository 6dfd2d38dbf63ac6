extension IPAddress: LosslessStringConvertible {
    /// Parses an address in its textual form, strictly.
    ///
    /// Accepted:
    /// - IPv4 dotted quads (`192.0.2.1`). Every part is a decimal number from 0 to 255 without leading zeros, so
    ///   the octal-looking `010.0.0.1` is rejected rather than guessed at.
    /// - IPv6 in full (`2001:db8:0:0:0:0:0:1`), compressed (`2001:db8::1`) and mixed (`::ffff:192.0.2.1`,
    ///   `64:ff9b::192.0.2.1`) notation, in either letter case.
    ///
    /// Rejected: surrounding whitespace, brackets (`[::1]`), ports, zone ids (`fe80::1%eth0`), and every other
    /// form the inet_aton family tolerates (`127.1`, `0x7f.0.0.1`).
    ///
    /// - Parameter text: The address.
    public init?(_ text: String) {
        var text = text
        let parsed = text.withUTF8 { IPAddress.parse($0) }
        guard let parsed else { return nil }
        self = parsed
    }

    /// Parses an address from its UTF-8 bytes; see ``init(_:)``.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> IPAddress? {
        guard !bytes.isEmpty, bytes.count <= 45 else { return nil }
        if bytes.contains(UInt8(ascii: ":")) {
            guard let (high, low) = parseV6(bytes) else { return nil }
            return IPAddress(v6: high, low)
        }
        guard let value = parseV4(bytes[...]) else { return nil }
        return IPAddress(v4: value)
    }

    /// Parses a strict dotted quad.
    private static func parseV4(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> UInt32? {
        var value: UInt32 = 0
        var parts = 0
        var part: UInt32 = 0
        var digits = 0
        var leadingZero = false
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if digits == 0 {
                    leadingZero = byte == UInt8(ascii: "0")
                } else if leadingZero {
                    return nil
                }
                digits += 1
                part = part * 10 + UInt32(byte - UInt8(ascii: "0"))
                guard digits <= 3, part <= 255 else { return nil }
            case UInt8(ascii: "."):
                guard digits > 0, parts < 3 else { return nil }
                value = value << 8 | part
                parts += 1
                part = 0
                digits = 0
            default:
                return nil
            }
        }
        guard digits > 0, parts == 3 else { return nil }
        return value << 8 | part
    }

    /// Parses IPv6 text into its two halves.
    private static func parseV6(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64)? {
        var groups: [UInt16] = []
        groups.reserveCapacity(8)
        var compressionIndex: Int?
        var index = 0
        let end = bytes.count

        if bytes[0] == UInt8(ascii: ":") {
            guard end >= 2, bytes[1] == UInt8(ascii: ":") else { return nil }
            compressionIndex = 0
            index = 2
        }
        while index < end {
            // One group, or an embedded IPv4 address that must end the text.
            let start = index
            var value: UInt32 = 0
            while index < end, index - start < 5, let digit = hexValue(bytes[index]) {
                value = value << 4 | UInt32(digit)
                index += 1
            }
            if index < end, bytes[index] == UInt8(ascii: ".") {
                guard groups.count <= 6, let v4 = parseV4(bytes[start..<end]) else { return nil }
                groups.append(UInt16(truncatingIfNeeded: v4 >> 16))
                groups.append(UInt16(truncatingIfNeeded: v4))
                index = end
                break
            }
            let digits = index - start
            guard digits >= 1, digits <= 4, groups.count < 8 else { return nil }
            groups.append(UInt16(value))
            if index == end { break }
            guard bytes[index] == UInt8(ascii: ":") else { return nil }
            index += 1
            if index < end, bytes[index] == UInt8(ascii: ":") {
                guard compressionIndex == nil else { return nil }
                compressionIndex = groups.count
                index += 1
            } else if index == end {
                // A single trailing colon.
                return nil
            }
        }

        if let compressionIndex {
            guard groups.count <= 7 else { return nil }
            let zeros = [UInt16](repeating: 0, count: 8 - groups.count)
            groups.insert(contentsOf: zeros, at: compressionIndex)
        } else {
            guard groups.count == 8 else { return nil }
        }
        var high: UInt64 = 0
        var low: UInt64 = 0
        for group in groups[0..<4] { high = high << 16 | UInt64(group) }
        for group in groups[4..<8] { low = low << 16 | UInt64(group) }
        return (high, low)
    }

    /// The value of one hexadecimal digit.
    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
