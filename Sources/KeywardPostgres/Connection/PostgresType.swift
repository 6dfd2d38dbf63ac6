/// The PostgreSQL types Keyward binds, by OID (stable, from `pg_type.dat`).
struct PostgresType: Hashable, Sendable {
    /// The type's OID.
    var oid: UInt32

    /// `boolean`.
    static let bool = PostgresType(oid: 16)
    /// `bytea`.
    static let bytea = PostgresType(oid: 17)
    /// `bigint`.
    static let int8 = PostgresType(oid: 20)
    /// `integer`.
    static let int4 = PostgresType(oid: 23)
    /// `text`.
    static let text = PostgresType(oid: 25)
    /// `text[]`.
    static let textArray = PostgresType(oid: 1009)
    /// `bigint[]`.
    static let int8Array = PostgresType(oid: 1016)

    /// The one-dimensional array type of this element type, for the types Keyward uses.
    var arrayType: PostgresType? {
        switch self {
        case .int8: .int8Array
        case .text: .textArray
        default: nil
        }
    }
}
