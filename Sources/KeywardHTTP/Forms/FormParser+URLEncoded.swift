extension FormParser {
    /// Parses `name=value&…` from `bytes`, appending at most `budget` fields.
    func appendURLEncoded(
        _ bytes: UnsafeBufferPointer<UInt8>,
        to fields: inout [FormData.Field],
        budget: Int
    ) throws(FormError) {
        var added = 0
        var start = 0
        while start <= bytes.count {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "&")) ?? bytes.count
            if end > start {
                let pair = UnsafeBufferPointer(rebasing: bytes[start..<end])
                let equals = pair.firstIndex(of: UInt8(ascii: "=")) ?? pair.count
                if equals > 0 {
                    added += 1
                    guard added <= budget else { throw FormError(.tooManyParameters) }
                    let name = try FormParser.decodeComponent(UnsafeBufferPointer(rebasing: pair[0..<equals]))
                    let value =
                        equals < pair.count
                        ? try FormParser.decodeComponent(UnsafeBufferPointer(rebasing: pair[(equals + 1)...])) : ""
                    fields.append(FormData.Field(name: name, value: value))
                } else {
                    // A pair with an empty name still has to be well-formed.
                    _ = try FormParser.decodeComponent(pair)
                }
            }
            start = end + 1
        }
    }

    /// Decodes one name or value: `+` is a space, percent-encoding is strict.
    static func decodeComponent(_ bytes: UnsafeBufferPointer<UInt8>) throws(FormError) -> String {
        do {
            return try PercentDecoding.decode(bytes, plusAsSpace: true)
        } catch {
            switch error {
            case .invalidEncoding, .encodedSlash: throw FormError(.invalidPercentEncoding)
            case .invalidUTF8: throw FormError(.invalidUTF8)
            case .nulByte: throw FormError(.nulByte)
            }
        }
    }
}
