import FoundationEssentials
import KeywardCore

/// A Swift value that can be bound to a statement parameter.
protocol PostgresBindable {
    /// The parameter type, also used for NULL of this type.
    static var postgresType: PostgresType { get }
    /// The value in binary format.
    var postgresValue: PostgresValue { get }
}

extension Int64: PostgresBindable {
    static var postgresType: PostgresType { .int8 }
    var postgresValue: PostgresValue { .int64(self) }
}

extension Int: PostgresBindable {
    static var postgresType: PostgresType { .int8 }
    var postgresValue: PostgresValue { .int64(Int64(self)) }
}

extension Bool: PostgresBindable {
    static var postgresType: PostgresType { .bool }
    var postgresValue: PostgresValue { PostgresValue(type: .bool, bytes: [self ? 1 : 0]) }
}

extension String: PostgresBindable {
    static var postgresType: PostgresType { .text }
    var postgresValue: PostgresValue { .text(self) }
}

extension Date: PostgresBindable {
    /// Dates are stored as `bigint` milliseconds since 1970, like the SQLite store does.
    static var postgresType: PostgresType { .int8 }
    var postgresValue: PostgresValue { .int64(millisecondsSince1970) }
}

extension Digest32: PostgresBindable {
    static var postgresType: PostgresType { .bytea }
    var postgresValue: PostgresValue { .bytea(bytes) }
}

extension Optional: PostgresBindable where Wrapped: PostgresBindable {
    static var postgresType: PostgresType { Wrapped.postgresType }
    var postgresValue: PostgresValue { self?.postgresValue ?? .null(Wrapped.postgresType) }
}

extension PostgresValue: PostgresBindable {
    /// Not used: a ready value carries its own type.
    static var postgresType: PostgresType { .text }
    var postgresValue: PostgresValue { self }
}
