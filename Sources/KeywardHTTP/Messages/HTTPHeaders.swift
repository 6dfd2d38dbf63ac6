/// An ordered list of HTTP header fields with case-insensitive lookup.
///
/// Fields keep their order and the letter case they were added with; lookups ignore ASCII case. A name may
/// occur several times (`Set-Cookie`, `X-Forwarded-For`).
public struct HTTPHeaders: Sendable, Hashable {
    /// One header field.
    public struct Field: Sendable, Hashable {
        /// The field name as added, for example `Content-Type`.
        public var name: String
        /// The field value.
        public var value: String

        /// Creates a field.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The fields in order.
    public private(set) var fields: [Field]

    /// Creates an empty list.
    public init() {
        fields = []
    }

    /// Creates a list from name-value pairs, in order.
    public init(_ pairs: [(String, String)]) {
        fields = pairs.map { Field(name: $0.0, value: $0.1) }
    }

    /// The number of fields.
    public var count: Int {
        fields.count
    }

    /// Whether there are no fields.
    public var isEmpty: Bool {
        fields.isEmpty
    }

    /// The value of the first field named `name` (any letter case), or `nil`.
    public subscript(name: String) -> String? {
        for field in fields where HTTPHeaders.namesEqual(field.name, name) {
            return field.value
        }
        return nil
    }

    /// The values of every field named `name`, in order.
    public func values(for name: String) -> [String] {
        fields.lazy.filter { HTTPHeaders.namesEqual($0.name, name) }.map(\.value)
    }

    /// Whether a field named `name` exists.
    public func contains(_ name: String) -> Bool {
        fields.contains { HTTPHeaders.namesEqual($0.name, name) }
    }

    /// Appends a field, keeping any existing ones with the same name.
    public mutating func add(name: String, value: String) {
        fields.append(Field(name: name, value: value))
    }

    /// Removes every field named `name`, then appends one with `value`.
    public mutating func replaceOrAdd(name: String, value: String) {
        remove(name: name)
        fields.append(Field(name: name, value: value))
    }

    /// Removes every field named `name`.
    public mutating func remove(name: String) {
        fields.removeAll { HTTPHeaders.namesEqual($0.name, name) }
    }

    /// Whether two field names are equal ignoring ASCII case.
    static func namesEqual(_ lhs: String, _ rhs: String) -> Bool {
        guard lhs.utf8.count == rhs.utf8.count else { return false }
        if let equal = lhs.utf8.withContiguousStorageIfAvailable({ left in
            rhs.utf8.withContiguousStorageIfAvailable { right in asciiCaseInsensitiveEqual(left, right) }
        }), let equal {
            return equal
        }
        for (left, right) in zip(lhs.utf8, rhs.utf8) where left != right {
            let folded = left | 0x20
            guard folded == right | 0x20, folded >= 0x61, folded <= 0x7A else { return false }
        }
        return true
    }

    /// Compares two byte strings of equal length ignoring ASCII case.
    private static func asciiCaseInsensitiveEqual(
        _ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        for index in 0..<left.count where left[index] != right[index] {
            let folded = left[index] | 0x20
            guard folded == right[index] | 0x20, folded >= 0x61, folded <= 0x7A else { return false }
        }
        return true
    }

    /// Appends a field without copying checks; for the server's request path.
    mutating func append(_ field: Field) {
        fields.append(field)
    }

    /// Reserves room for `count` fields.
    mutating func reserveCapacity(_ count: Int) {
        fields.reserveCapacity(count)
    }
}

extension HTTPHeaders: ExpressibleByDictionaryLiteral {
    /// Creates a list from a literal, in order: `["Content-Type": "text/plain"]`.
    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements)
    }
}

extension HTTPHeaders: Sequence {
    /// Iterates over the fields in order.
    public func makeIterator() -> IndexingIterator<[Field]> {
        fields.makeIterator()
    }
}

extension HTTPHeaders: CustomStringConvertible {
    /// The fields one per line, with the values of `Authorization`, `Proxy-Authorization`, `Cookie` and
    /// `Set-Cookie` replaced by `<redacted>` so that printing headers cannot leak credentials.
    public var description: String {
        fields.map { field in
            let sensitive = ["authorization", "proxy-authorization", "cookie", "set-cookie"].contains {
                HTTPHeaders.namesEqual($0, field.name)
            }
            return "\(field.name): \(sensitive ? "<redacted>" : field.value)"
        }.joined(separator: "\n")
    }
}
