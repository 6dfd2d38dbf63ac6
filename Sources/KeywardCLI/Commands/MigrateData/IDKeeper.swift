import FoundationEssentials
import KeywardCore

/// Makes inserted rows keep the ids they had in the source, one table at a time.
///
/// A store that honours given ids (``PostgresStore/importing(feedPosition:_:)``) needs nothing.
/// The store protocol's inserts otherwise let the store choose: SQLite gives a new row one more
/// than the largest id the table ever held (AUTOINCREMENT) or holds. Into a table that never held
/// a row, inserting rows in id order and filling each gap with a placeholder row (deleted once the
/// table is done) reproduces every id. Any id
/// that comes out different stops the copy, so a store that numbers otherwise fails loudly
/// instead of copying wrong references.
struct IDKeeper {
    /// Whether the target keeps given ids by itself.
    let targetKeepsIDs: Bool
    /// What the rows are, for the error message.
    let table: String
    private(set) var last: Int64 = 0
    /// The ids of the placeholder rows to delete when the table is done.
    private(set) var placeholders: [Int64] = []

    /// Starts a table whose largest id so far is `after` (0 for an empty table).
    init(table: String, targetKeepsIDs: Bool, after: Int64 = 0) {
        self.table = table
        self.targetKeepsIDs = targetKeepsIDs
        self.last = after
    }

    /// Inserts the row with source id `wanted`.
    ///
    /// - Parameters:
    ///   - insert: Inserts the row; returns the id the store gave it.
    ///   - placeholder: Inserts a placeholder row whose name includes its `index`; returns its id.
    mutating func insert(
        id wanted: Int64,
        _ insert: () throws -> Int64,
        placeholder: (_ index: Int) throws -> Int64
    ) throws {
        if !targetKeepsIDs {
            while last + 1 < wanted {
                let id = try placeholder(placeholders.count)
                try check(id, expected: last + 1)
                placeholders.append(id)
                last = id
            }
        }
        let id = try insert()
        try check(id, expected: wanted)
        last = max(last, id)
    }

    /// A name no real row can have: validation refuses control characters in names.
    static func placeholderName(_ index: Int) -> String { "\u{1}keyward-migrate-gap-\(index)-\(UUID().uuidString)" }

    private func check(_ id: Int64, expected: Int64) throws {
        guard id == expected else {
            throw KeywardError(
                .internal,
                "The target stored a row of \(table) as id \(id) instead of \(expected); nothing was copied"
            )
        }
    }
}
