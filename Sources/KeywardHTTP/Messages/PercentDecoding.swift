/// Strict percent-decoding shared by request paths and form fields.
enum PercentDecoding {
    /// Why a text could not be decoded.
    enum Failure: Error, Hashable {
        /// `%` not followed by two hexadecimal digits.
        case invalidEncoding
        /// The decoded bytes are not UTF-8.
        case invalidUTF8
        /// The decoded bytes contain NUL.
        case nulByte
        /// A `/` was percent-encoded where it would change the meaning (paths only).
        case encodedSlash
    }

    /// Decodes `bytes` into a string.
    ///
    /// - Parameters:
    ///   - bytes: The encoded text.
    ///   - plusAsSpace: Whether `+` means a space (forms) or itself (paths).
    ///   - rejectEncodedSlash: Whether `%2F` is an error (paths).
    static func decode(
        _ bytes: UnsafeBufferPointer<UInt8>,
        plusAsSpace: Bool,
        rejectEncodedSlash: Bool = false
    ) throws(Failure) -> String {
        var needsDecoding = false
        var allBits: UInt8 = 0
        for byte in bytes {
            allBits |= byte
            if byte == UInt8(ascii: "%") || (plusAsSpace && byte == UInt8(ascii: "+")) { needsDecoding = true }
            if byte == 0 { throw .nulByte }
        }
        if !needsDecoding {
            guard allBits < 0x80 || UTF8Validation.isValid(bytes) else { throw .invalidUTF8 }
            return String(decoding: bytes, as: UTF8.self)
        }
        var failure: Failure?
        let text = String(unsafeUninitializedCapacity: bytes.count) { output in
            var written = 0
            var index = 0
            var decodedBits: UInt8 = 0
            while index < bytes.count {
                var byte = bytes[index]
                if byte == UInt8(ascii: "%") {
                    guard index + 2 < bytes.count,
                        let high = hexValue(bytes[index + 1]),
                        let low = hexValue(bytes[index + 2])
                    else {
                        failure = .invalidEncoding
                        return 0
                    }
                    byte = high << 4 | low
                    if byte == 0 {
                        failure = .nulByte
                        return 0
                    }
                    if rejectEncodedSlash, byte == UInt8(ascii: "/") {
                        failure = .encodedSlash
                        return 0
                    }
                    index += 3
                } else {
                    if plusAsSpace, byte == UInt8(ascii: "+") { byte = UInt8(ascii: " ") }
                    index += 1
                }
                decodedBits |= byte
                output[written] = byte
                written += 1
            }
            if decodedBits >= 0x80, !UTF8Validation.isValid(UnsafeBufferPointer(rebasing: output[0..<written])) {
                failure = .invalidUTF8
                return 0
            }
            return written
        }
        if let failure { throw failure }
        return text
    }

    /// The value of one hexadecimal digit.
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
