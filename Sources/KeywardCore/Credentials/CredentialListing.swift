import FoundationEssentials

/// One row of the credentials table: a credential with its admin and role names resolved.
public struct CredentialListing: Hashable, Sendable, Codable {
    /// The credential.
    public var credential: APICredential
    /// The owning admin's username.
    public var adminUsername: String
    /// The owning admin's full name.
    public var adminFullName: String
    /// The names of the credential's roles, sorted.
    public var roleNames: [String]

    /// Creates a row.
    public init(credential: APICredential, adminUsername: String, adminFullName: String, roleNames: [String]) {
        self.credential = credential
        self.adminUsername = adminUsername
        self.adminFullName = adminFullName
        self.roleNames = roleNames
    }

    /// "Full Name (username)".
    public var adminDisplayName: String { "\(adminFullName) (\(adminUsername))" }
}

/// Search, sort and paging of the credentials table, done by the store so it stays fast with
/// hundreds of thousands of rows.
public struct CredentialQuery: Hashable, Sendable {
    /// The column to sort by.
    public enum SortKey: String, Sendable, CaseIterable, Codable {
        case identifier, description, admin, roles, created, lastAccess
    }

    /// Case-insensitive text matched against identifier, description, admin name/username and
    /// role names; empty matches everything.
    public var search: String
    /// Only this admin's credentials, when set.
    public var adminID: Int64?
    /// The sort column.
    public var sort: SortKey
    /// Ascending when true.
    public var ascending: Bool
    /// Rows to skip.
    public var offset: Int
    /// Rows to return at most.
    public var limit: Int

    /// Creates a query; by default the newest credentials first, 25 a page.
    public init(
        search: String = "",
        adminID: Int64? = nil,
        sort: SortKey = .created,
        ascending: Bool = false,
        offset: Int = 0,
        limit: Int = 25
    ) {
        self.search = search
        self.adminID = adminID
        self.sort = sort
        self.ascending = ascending
        self.offset = max(0, offset)
        self.limit = max(0, limit)
    }
}

/// A page of the credentials table.
public struct CredentialPage: Hashable, Sendable {
    /// The rows of this page.
    public var rows: [CredentialListing]
    /// How many credentials match the search (all pages).
    public var matching: Int
    /// How many credentials exist in all (before the search).
    public var total: Int

    /// Creates a page.
    public init(rows: [CredentialListing], matching: Int, total: Int) {
        self.rows = rows
        self.matching = matching
        self.total = total
    }
}
