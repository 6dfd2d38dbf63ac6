extension IPAddress: CustomStringConvertible {
    /// The canonical text of the address.
    ///
    /// IPv4 as a dotted quad; IPv6 as RFC 5952 recommends: lower-case hexadecimal without leading zeros, the
    /// longest run of two or more zero groups (the first of equal runs) compressed to `::`, and IPv4-mapped
    /// addresses in mixed notation (`::ffff:192.0.2.1`).
    public var description: String {
        String(unsafeUninitializedCapacity: 45) { buffer in
            var writer = TextWriter(buffer: buffer)
            switch family {
            case .v4:
                writer.writeDottedQuad(UInt32(truncatingIfNeeded: low))
            case .v6:
                writeV6(into: &writer)
            }
            return writer.count
        }
    }

    /// Writes RFC 5952 text.
    private func writeV6(into writer: inout TextWriter) {
        if isIPv4Mapped {
            writer.write("::ffff:")
            writer.writeDottedQuad(UInt32(truncatingIfNeeded: low))
            return
        }
        let groups = (0..<8).map { index -> UInt16 in
            let half = index < 4 ? high : low
            return UInt16(truncatingIfNeeded: half >> (48 - 16 * UInt64(index % 4)))
        }
        // The longest run of at least two zero groups.
        var bestStart = -1
        var bestLength = 1
        var runStart = -1
        for index in 0...8 {
            if index < 8, groups[index] == 0 {
                if runStart < 0 { runStart = index }
            } else if runStart >= 0 {
                if index - runStart > bestLength {
                    bestStart = runStart
                    bestLength = index - runStart
                }
                runStart = -1
            }
        }
        var index = 0
        while index < 8 {
            if index == bestStart {
                writer.write("::")
                index += bestLength
                continue
            }
            let followsCompression = bestStart >= 0 && index == bestStart + bestLength
            if index > 0, !followsCompression {
                writer.write(":")
            }
            writer.writeHex(groups[index])
            index += 1
        }
    }
}

/// Writes ASCII into a fixed buffer; the caller sizes the buffer for the longest text.
private struct TextWriter {
    let buffer: UnsafeMutableBufferPointer<UInt8>
    var count = 0

    init(buffer: UnsafeMutableBufferPointer<UInt8>) {
        self.buffer = buffer
    }

    mutating func write(_ text: StaticString) {
        text.withUTF8Buffer { bytes in
            for byte in bytes {
                buffer[count] = byte
                count += 1
            }
        }
    }

    mutating func writeDecimal(_ value: UInt32) {
        if value >= 100 {
            buffer[count] = UInt8(ascii: "0") + UInt8(value / 100)
            count += 1
        }
        if value >= 10 {
            buffer[count] = UInt8(ascii: "0") + UInt8(value / 10 % 10)
            count += 1
        }
        buffer[count] = UInt8(ascii: "0") + UInt8(value % 10)
        count += 1
    }

    mutating func writeDottedQuad(_ value: UInt32) {
        writeDecimal(value >> 24)
        buffer[count] = UInt8(ascii: ".")
        count += 1
        writeDecimal(value >> 16 & 0xFF)
        buffer[count] = UInt8(ascii: ".")
        count += 1
        writeDecimal(value >> 8 & 0xFF)
        buffer[count] = UInt8(ascii: ".")
        count += 1
        writeDecimal(value & 0xFF)
    }

    mutating func writeHex(_ value: UInt16) {
        let digits: StaticString = "0123456789abcdef"
        var started = false
        for shift in stride(from: 12, through: 0, by: -4) {
            let nibble = Int(value >> UInt16(shift) & 0xF)
            if nibble == 0, !started, shift > 0 { continue }
            started = true
            buffer[count] = digits.utf8Start[nibble]
            count += 1
        }
    }
}
