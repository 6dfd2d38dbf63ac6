import FoundationEssentials

/// SHA-256 over rows of typed fields, each field tagged with its type and prefixed with its
/// length, so that no two different rows encode alike.
struct RowDigest {
    private var hash = SHA256()

    /// Adds one row.
    mutating func row(_ fields: any DigestField...) {
        for field in fields {
            let text = field.digestText
            hash.update(String(text.utf8.count) + ":")
            hash.update(text)
        }
        hash.update([0x1e])
    }

    /// The digest so far, lower-case hex.
    var hex: String { hash.hexDigest() }
}

/// A value that can be part of a ``RowDigest`` row.
protocol DigestField {
    /// The value as tagged text: a type letter, then the value.
    var digestText: String { get }
}

extension Int64: DigestField {
    var digestText: String { "i\(self)" }
}

extension Int: DigestField {
    var digestText: String { "i\(self)" }
}

extension Bool: DigestField {
    var digestText: String { self ? "t" : "f" }
}

extension String: DigestField {
    var digestText: String { "s" + self }
}

extension Date: DigestField {
    /// Milliseconds since 1970, the precision both stores keep.
    var digestText: String { "d\(Int64((timeIntervalSinceReferenceDate * 1000).rounded()) + 978_307_200_000)" }
}

extension Optional: DigestField where Wrapped: DigestField {
    var digestText: String { self?.digestText ?? "n" }
}
