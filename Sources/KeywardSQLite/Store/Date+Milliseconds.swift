import FoundationEssentials

extension Date {
    /// Milliseconds from 1970 to 2001, the reference date `Date` counts from.
    private static let referenceOffsetMilliseconds: Int64 = 978_307_200_000

    /// The date as whole milliseconds since 1970, rounded to the nearest: how the store keeps times.
    ///
    /// `Date` holds a `Double` of seconds since 2001; both conversions go through that value with
    /// a single rounding, so every date on a millisecond (however it was computed) round-trips to
    /// an equal `Date`. Going through `timeIntervalSince1970` would add a second rounding.
    var millisecondsSince1970: Int64 {
        Int64((timeIntervalSinceReferenceDate * 1000).rounded()) + Self.referenceOffsetMilliseconds
    }

    /// The date `milliseconds` after 1970.
    init(millisecondsSince1970 milliseconds: Int64) {
        self.init(timeIntervalSinceReferenceDate: Double(milliseconds - Self.referenceOffsetMilliseconds) / 1000)
    }
}

extension Date: SQLiteBindable {
    func bind(to statement: SQLiteStatement, at index: Int32) throws {
        try statement.bindInt64(millisecondsSince1970, at: index)
    }
}

extension SQLiteStatement {
    /// The column, milliseconds since 1970, as a date.
    func date(at column: Int32) -> Date {
        Date(millisecondsSince1970: int64(at: column))
    }

    /// The column as a date, or `nil` when NULL.
    func optionalDate(at column: Int32) -> Date? {
        isNull(at: column) ? nil : date(at: column)
    }
}
