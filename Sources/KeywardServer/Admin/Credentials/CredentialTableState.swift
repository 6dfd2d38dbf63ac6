import KeywardCore
import KeywardHTTP

/// The credentials table's search, sort and paging, read from the query string and written back
/// into links, so every state has a URL and works without the script.
struct CredentialTableState: Sendable, Hashable {
    /// The page sizes offered.
    static let pageSizes = [10, 25, 50, 100]
    /// The longest search text accepted.
    static let maxSearchLength = 200

    /// The search text; empty shows everything.
    var search: String
    /// The sort column.
    var sort: CredentialQuery.SortKey
    /// Ascending when true.
    var ascending: Bool
    /// Rows per page, one of ``pageSizes``.
    var length: Int
    /// The page, from 1.
    var page: Int

    /// The defaults: newest first, 10 a page.
    init(
        search: String = "",
        sort: CredentialQuery.SortKey = .created,
        ascending: Bool = false,
        length: Int = 10,
        page: Int = 1
    ) {
        self.search = search
        self.sort = sort
        self.ascending = ascending
        self.length = length
        self.page = page
    }

    /// Reads the state from query parameters; anything unexpected falls back to the default.
    init(query: FormData) {
        self.init()
        search = String((query["search"] ?? "").trimmed.prefix(Self.maxSearchLength))
        if let sort = query["sort"].flatMap(CredentialQuery.SortKey.init(rawValue:)) {
            self.sort = sort
            ascending = query["order"] != "desc"
        } else if query["order"] == "asc" {
            ascending = true
        }
        if let length = query["length"].flatMap(Int.init), Self.pageSizes.contains(length) { self.length = length }
        if let page = query["page"].flatMap(Int.init), page >= 1, page <= 1_000_000 { self.page = page }
    }

    /// The store query for this state.
    var query: CredentialQuery {
        CredentialQuery(search: search, sort: sort, ascending: ascending, offset: (page - 1) * length, limit: length)
    }

    /// The query parameters of this state (defaults left out).
    var parameters: [(String, String)] {
        let isDefaultSort = sort == .created && !ascending
        return [
            ("search", search),
            ("sort", isDefaultSort ? "" : sort.rawValue),
            ("order", isDefaultSort ? "" : ascending ? "asc" : "desc"),
            ("length", length == 10 ? "" : String(length)),
            ("page", page == 1 ? "" : String(page)),
        ]
    }

    /// The state after clicking a column header: that column ascending, or the other direction
    /// when it is already the sort column; back to the first page.
    func sorted(by key: CredentialQuery.SortKey) -> CredentialTableState {
        var next = self
        next.ascending = key == sort ? !ascending : key != .created && key != .lastAccess
        next.sort = key
        next.page = 1
        return next
    }

    /// The state on another page.
    func onPage(_ page: Int) -> CredentialTableState {
        var next = self
        next.page = page
        return next
    }

    /// The number of pages for `matching` rows (at least one).
    func pageCount(matching: Int) -> Int { max(1, (matching + length - 1) / length) }
}
