/// A statement parameter in PostgreSQL's binary wire format, with its type.
///
/// Every parameter goes to the server out of band (`PQexecPrepared`), never spliced into SQL text.
/// Binary format means no text escaping at all: a `bytea` is its bytes, a `text` its UTF-8 bytes,
/// integers are big-endian.
struct PostgresValue: Sendable {
    /// The parameter's type, which the statement is prepared with.
    var type: PostgresType
    /// The binary representation; `nil` for SQL NULL.
    var bytes: [UInt8]?

    /// SQL NULL of a type.
    static func null(_ type: PostgresType) -> PostgresValue { PostgresValue(type: type, bytes: nil) }

    /// A `bigint`.
    static func int64(_ value: Int64) -> PostgresValue {
        PostgresValue(type: .int8, bytes: BigEndian.bytes(of: value))
    }

    /// A `text`.
    static func text(_ value: String) -> PostgresValue { PostgresValue(type: .text, bytes: Array(value.utf8)) }

    /// A `bytea`.
    static func bytea(_ value: [UInt8]) -> PostgresValue { PostgresValue(type: .bytea, bytes: value) }

    /// A `bigint[]` (one dimension, no NULL elements).
    static func int64Array(_ values: [Int64]) -> PostgresValue {
        array(of: .int8, values.map { BigEndian.bytes(of: $0) })
    }

    /// A `text[]` (one dimension, no NULL elements).
    static func textArray(_ values: [String]) -> PostgresValue {
        array(of: .text, values.map { Array($0.utf8) })
    }

    /// The binary array format: dimensions, a has-nulls flag, the element type, then per dimension
    /// its length and lower bound (1), then each element as a length and its bytes.
    private static func array(of element: PostgresType, _ elements: [[UInt8]]) -> PostgresValue {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(20 + elements.reduce(0) { $0 + 4 + $1.count })
        bytes += BigEndian.bytes(of: Int32(elements.isEmpty ? 0 : 1))
        bytes += BigEndian.bytes(of: Int32(0))
        bytes += BigEndian.bytes(of: UInt32(element.oid))
        if !elements.isEmpty {
            bytes += BigEndian.bytes(of: Int32(elements.count))
            bytes += BigEndian.bytes(of: Int32(1))
            for element in elements {
                bytes += BigEndian.bytes(of: Int32(element.count))
                bytes += element
            }
        }
        guard let arrayType = element.arrayType else { preconditionFailure("no array type for \(element)") }
        return PostgresValue(type: arrayType, bytes: bytes)
    }
}
