/// Parsed form parameters: the fields in order, and a dictionary in which the last value of a name wins.
///
/// "Last wins" is PHP's rule for `$_GET`, `$_POST` and `$_REQUEST`: for `a=1&a=2`, `form["a"]` is `"2"`.
/// Unlike PHP, names are kept verbatim: `a[]=1` is a field named `a[]`, not an array.
public struct FormData: Sendable, Hashable {
    /// One name-value pair.
    public struct Field: Sendable, Hashable {
        /// The decoded name.
        public var name: String
        /// The decoded value.
        public var value: String

        /// Creates a field.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// Every field in order, duplicates included.
    public let fields: [Field]
    /// For large forms, the index of the last field of each name; small forms are scanned instead, which is
    /// cheaper than hashing.
    private let lastIndex: [String: Int]?

    /// Creates form data from fields in order.
    public init(_ fields: [Field] = []) {
        self.fields = fields
        if fields.count > 16 {
            var lastIndex: [String: Int] = [:]
            lastIndex.reserveCapacity(fields.count)
            for (index, field) in fields.enumerated() { lastIndex[field.name] = index }
            self.lastIndex = lastIndex
        } else {
            self.lastIndex = nil
        }
    }

    /// The value of `name` (the last one when it occurs several times), or `nil`.
    public subscript(name: String) -> String? {
        if let lastIndex {
            return lastIndex[name].map { fields[$0].value }
        }
        return fields.last { $0.name == name }?.value
    }

    /// The value of each name, the last field with a name winning.
    public var values: [String: String] {
        var values: [String: String] = [:]
        values.reserveCapacity(fields.count)
        for field in fields { values[field.name] = field.value }
        return values
    }

    /// Every value of `name`, in order.
    public func allValues(for name: String) -> [String] {
        fields.filter { $0.name == name }.map(\.value)
    }

    /// The number of fields, duplicates included.
    public var count: Int {
        fields.count
    }

    /// Whether there are no fields.
    public var isEmpty: Bool {
        fields.isEmpty
    }
}
