extension LogEvent {
    /// The event as one line of text, without the line break:
    ///
    /// ```text
    /// 2024-05-01T12:00:00.123Z info access: request done bytes=214 route=/includes/api.php user="a b"
    /// ```
    ///
    /// The time is ISO 8601 in UTC with milliseconds, then the level, the label and a colon, the message, and
    /// the metadata as `key=value` sorted by key. A value is quoted when it is empty or contains a space, a
    /// quote, an equals sign or a backslash. Control characters in the message and values are escaped (`\n`,
    /// `\u{1B}`), so an event can never span lines or forge another one.
    public var formattedLine: String {
        String(unsafeUninitializedCapacity: maximumLineLength) { buffer in
            var writer = LineWriter(buffer: buffer)
            write(to: &writer, lineBreak: false)
            return writer.count
        }
    }

    /// The line of ``formattedLine`` followed by a line feed, as bytes ready for `write(2)`.
    var lineBytes: [UInt8] {
        [UInt8](unsafeUninitializedCapacity: maximumLineLength + 1) { buffer, count in
            var writer = LineWriter(buffer: buffer)
            write(to: &writer, lineBreak: true)
            count = writer.count
        }
    }

    /// An upper bound of the line's length: every byte of text could become a six-byte escape.
    private var maximumLineLength: Int {
        var length = 48 + 6 * (label.utf8.count + message.utf8.count)
        for (key, value) in metadata {
            length += 4 + key.utf8.count + 6 * value.utf8.count
        }
        return length
    }

    /// Writes the line.
    private func write(to writer: inout LineWriter, lineBreak: Bool) {
        writeTimestamp(to: &writer)
        writer.append(UInt8(ascii: " "))
        writer.append(level.description)
        writer.append(UInt8(ascii: " "))
        writer.appendEscaped(label)
        writer.append(UInt8(ascii: ":"))
        writer.append(UInt8(ascii: " "))
        writer.appendEscaped(message)
        if !metadata.isEmpty {
            for key in metadata.keys.sorted() {
                writer.append(UInt8(ascii: " "))
                writer.appendKey(key)
                writer.append(UInt8(ascii: "="))
                writer.appendValue(metadata[key] ?? "")
            }
        }
        if lineBreak {
            writer.append(UInt8(ascii: "\n"))
        }
    }

    /// Writes `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    private func writeTimestamp(to writer: inout LineWriter) {
        let (seconds, attoseconds) = timestamp.components
        let milliseconds = Int(attoseconds / 1_000_000_000_000_000)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = Int(seconds - days * 86_400)
        let (year, month, day) = LogEvent.civilDate(daysSinceEpoch: days)
        writer.appendDigits(Int(year), count: 4)
        writer.append(UInt8(ascii: "-"))
        writer.appendDigits(month, count: 2)
        writer.append(UInt8(ascii: "-"))
        writer.appendDigits(day, count: 2)
        writer.append(UInt8(ascii: "T"))
        writer.appendDigits(secondOfDay / 3600, count: 2)
        writer.append(UInt8(ascii: ":"))
        writer.appendDigits(secondOfDay / 60 % 60, count: 2)
        writer.append(UInt8(ascii: ":"))
        writer.appendDigits(secondOfDay % 60, count: 2)
        writer.append(UInt8(ascii: "."))
        writer.appendDigits(milliseconds, count: 3)
        writer.append(UInt8(ascii: "Z"))
    }

    /// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's `civil_from_days`).
    static func civilDate(daysSinceEpoch: Int64) -> (year: Int64, month: Int, day: Int) {
        let shifted = daysSinceEpoch + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * shiftedMonth + 2) / 5 + 1)
        let month = Int(shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9)
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }
}

/// Writes a log line into a buffer sized for the worst case, without bounds-growing or per-byte bookkeeping.
private struct LineWriter {
    let buffer: UnsafeMutableBufferPointer<UInt8>
    var count = 0

    init(buffer: UnsafeMutableBufferPointer<UInt8>) {
        self.buffer = buffer
    }

    mutating func append(_ byte: UInt8) {
        buffer[count] = byte
        count += 1
    }

    /// Appends text as is.
    mutating func append(_ text: String) {
        let copied = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard let base = bytes.baseAddress, let target = buffer.baseAddress else { return true }
            (target + count).update(from: base, count: bytes.count)
            count += bytes.count
            return true
        }
        if copied == nil {
            for byte in text.utf8 { append(byte) }
        }
    }

    /// Appends `value` in decimal with exactly `count` digits (zero-padded; larger values keep their low digits).
    mutating func appendDigits(_ value: Int, count digits: Int) {
        var value = max(0, value)
        var index = count + digits - 1
        while index >= count {
            buffer[index] = UInt8(ascii: "0") + UInt8(value % 10)
            value /= 10
            index -= 1
        }
        count += digits
    }

    /// Whether `byte` needs an escape in a message or value.
    private static func isControl(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x7F
    }

    /// Whether `text` contains a control character; a tight loop over contiguous storage when available.
    private static func containsControl(_ text: String) -> Bool {
        let scanned = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            for byte in bytes where byte < 0x20 || byte == 0x7F { return true }
            return false
        }
        return scanned ?? text.utf8.contains(where: isControl)
    }

    /// Appends text with control characters escaped.
    mutating func appendEscaped(_ text: String) {
        if !LineWriter.containsControl(text) {
            append(text)
            return
        }
        for byte in text.utf8 {
            if LineWriter.isControl(byte) {
                appendControl(byte)
            } else {
                append(byte)
            }
        }
    }

    /// Appends a metadata key; characters that would break `key=value` parsing become `_`.
    mutating func appendKey(_ key: String) {
        if key.isEmpty {
            append(UInt8(ascii: "_"))
            return
        }
        for byte in key.utf8 {
            let unsafe = byte <= 0x20 || byte == 0x7F || byte == UInt8(ascii: "=") || byte == UInt8(ascii: "\"")
            append(unsafe ? UInt8(ascii: "_") : byte)
        }
    }

    /// Appends a metadata value, quoted when needed.
    mutating func appendValue(_ value: String) {
        let needsQuotes =
            value.isEmpty
            || value.utf8.contains { byte in
                byte <= 0x20 || byte == 0x7F || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "=")
                    || byte == UInt8(ascii: "\\")
            }
        guard needsQuotes else {
            append(value)
            return
        }
        append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                append(UInt8(ascii: "\\"))
                append(byte)
            case 0..<0x20, 0x7F:
                appendControl(byte)
            default:
                append(byte)
            }
        }
        append(UInt8(ascii: "\""))
    }

    /// Appends the escape of one control character: `\n`, `\r`, `\t` or `\u{XX}`.
    private mutating func appendControl(_ byte: UInt8) {
        append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\n"): append(UInt8(ascii: "n"))
        case UInt8(ascii: "\r"): append(UInt8(ascii: "r"))
        case UInt8(ascii: "\t"): append(UInt8(ascii: "t"))
        default:
            append(UInt8(ascii: "u"))
            append(UInt8(ascii: "{"))
            append(LineWriter.hexDigit(byte >> 4))
            append(LineWriter.hexDigit(byte & 0xF))
            append(UInt8(ascii: "}"))
        }
    }

    /// The upper-case hexadecimal digit of a nibble.
    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "A") + nibble - 10
    }
}
