import FoundationEssentials

extension Date {
    /// Milliseconds from 1970 to 2001, the reference date `Date` counts from.
    private static let referenceOffsetMilliseconds: Int64 = 978_307_200_000

    /// The date as whole milliseconds since 1970, rounded to the nearest: how the store keeps times
    /// (a `bigint`, as the SQLite store keeps an INTEGER), so both stores round alike.
    var millisecondsSince1970: Int64 {
        Int64((timeIntervalSinceReferenceDate * 1000).rounded()) + Self.referenceOffsetMilliseconds
    }

    /// The date `milliseconds` after 1970.
    init(millisecondsSince1970 milliseconds: Int64) {
        self.init(timeIntervalSinceReferenceDate: Double(milliseconds - Self.referenceOffsetMilliseconds) / 1000)
    }
}
