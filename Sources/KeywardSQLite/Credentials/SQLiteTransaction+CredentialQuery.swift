import KeywardCore

extension SQLiteTransaction {
    func credentials(matching query: CredentialQuery) throws -> CredentialPage {
        try perform { db in
            let scope = CredentialFilter(adminID: query.adminID, search: "")
            let filter = CredentialFilter(adminID: query.adminID, search: query.search)
            let total = try count(scope, db)
            let matching = query.search.isEmpty ? total : try count(filter, db)
            guard query.limit > 0, query.offset < matching else {
                return CredentialPage(rows: [], matching: matching, total: total)
            }
            // The page's ids first, sorting only (key, id); then the page's rows by id. Sorting
            // whole rows would carry every column of every matching credential through the sort.
            let order = Self.order(query.sort, ascending: query.ascending)
            let ids = try db.fetchAll(
                """
                \(order.with)
                SELECT c.id FROM api_credentials c \(order.join)
                \(filter.whereClause)
                ORDER BY \(order.terms)
                LIMIT ? OFFSET ?
                """,
                arguments: filter.values + [query.limit, query.offset]
            ) { $0.int64(at: 0) }
            let rows = try ids.compactMap { try listing(credentialID: $0, db) }
            return CredentialPage(rows: rows, matching: matching, total: total)
        }
    }

    /// One row of the credentials table, with its admin's names and its roles.
    private func listing(credentialID: Int64, _ db: SQLiteConnection) throws -> CredentialListing? {
        guard
            var listing = try db.fetchOne(
                """
                SELECT \(Self.credentialColumns), a.username, a.first_name, a.last_name
                FROM api_credentials c JOIN admins a ON a.id = c.admin_id
                WHERE c.id = ?
                """,
                credentialID,
                row: { row in
                    let username = row.string(at: 7)
                    let fullName = [row.string(at: 8), row.string(at: 9)].filter { !$0.isEmpty }.joined(separator: " ")
                    return CredentialListing(
                        credential: Self.credential(row),
                        adminUsername: username,
                        adminFullName: fullName.isEmpty ? username : fullName,
                        roleNames: []
                    )
                }
            )
        else { return nil }
        var roleNames: [String] = []
        try db.forEachRow(
            """
            SELECT cr.role_id, r.name FROM api_credential_roles cr JOIN api_roles r ON r.id = cr.role_id
            WHERE cr.credential_id = ? ORDER BY cr.role_id
            """,
            arguments: [credentialID]
        ) { row in
            listing.credential.roleIDs.append(row.int64(at: 0))
            roleNames.append(row.string(at: 1))
        }
        listing.roleNames = roleNames.sorted { ($0.lowercased(), $0) < ($1.lowercased(), $1) }
        return listing
    }

    private func count(_ filter: CredentialFilter, _ db: SQLiteConnection) throws -> Int {
        var result = 0
        try db.forEachRow("SELECT count(*) FROM api_credentials c \(filter.whereClause)", arguments: filter.values) {
            result = Int($0.int64(at: 0))
        }
        return result
    }

    /// How to order a sort: an optional `WITH` clause and join, and the `ORDER BY` terms. The
    /// credential id breaks ties, so paging is stable.
    ///
    /// Every part is a constant fragment, so the statement cache holds at most one statement per
    /// sort, direction and filter shape.
    private static func order(
        _ sort: CredentialQuery.SortKey,
        ascending: Bool
    ) -> (with: String, join: String, terms: String) {
        let direction = ascending ? "ASC" : "DESC"
        switch sort {
        case .identifier:
            return ("", "", "c.identifier \(direction), c.id \(direction)")
        case .description:
            return ("", "", "c.description COLLATE NOCASE \(direction), c.id \(direction)")
        case .admin:
            // Ranking the (few) admins once and sorting credentials by an integer is several
            // times faster than comparing the name expression for every credential.
            return (
                """
                WITH admin_order (id, position) AS (
                    SELECT a.id, row_number() OVER (ORDER BY \(adminFullNameSQL) COLLATE NOCASE, a.username_key)
                    FROM admins a
                )
                """,
                // CROSS JOIN keeps credentials the outer loop (SQLite does not reorder it): one
                // sequential scan, instead of visiting rows in admin order when a search filters.
                "CROSS JOIN admin_order ao ON ao.id = c.admin_id",
                "ao.position \(direction), c.id \(direction)"
            )
        case .roles:
            return ("", "", "\(roleNamesSQL) COLLATE NOCASE \(direction), c.id \(direction)")
        case .created:
            return ("", "", "c.created_at \(direction), c.id \(direction)")
        case .lastAccess:
            // SQLite sorts NULL lowest: never-used credentials are the oldest in both directions.
            return ("", "", "c.last_access_at \(direction), c.id \(direction)")
        }
    }

    /// `Admin.fullName` in SQL: "First Last", or the username when both names are empty.
    private static let adminFullNameSQL = """
        CASE
            WHEN a.first_name = '' AND a.last_name = '' THEN a.username
            WHEN a.first_name = '' THEN a.last_name
            WHEN a.last_name = '' THEN a.first_name
            ELSE a.first_name || ' ' || a.last_name
        END
        """

    /// The credential's role names, sorted case-insensitively and joined with ", "; empty for none.
    ///
    /// The ordered subquery keeps its order into `group_concat`: SQLite does not flatten a subquery
    /// with ORDER BY into an aggregate, precisely so that this idiom works.
    private static let roleNamesSQL = """
        coalesce((
            SELECT group_concat(name, ', ') FROM (
                SELECT r.name FROM api_credential_roles cr JOIN api_roles r ON r.id = cr.role_id
                WHERE cr.credential_id = c.id ORDER BY r.name_key, r.name
            )
        ), '')
        """
}

/// The `WHERE` clause of a credentials query: the admin scope and the search text.
private struct CredentialFilter {
    var whereClause = ""
    var values: [any SQLiteBindable] = []

    init(adminID: Int64?, search: String) {
        var conditions: [String] = []
        if let adminID {
            conditions.append("c.admin_id = ?")
            values.append(adminID)
        }
        if !search.isEmpty {
            // The admin and role subqueries do not depend on the row, so SQLite runs each once
            // and probes the result per credential.
            conditions.append(
                """
                (c.identifier LIKE ? ESCAPE '\\' OR c.description LIKE ? ESCAPE '\\'
                    OR c.admin_id IN (
                        SELECT id FROM admins
                        WHERE username LIKE ? ESCAPE '\\' OR first_name LIKE ? ESCAPE '\\'
                            OR last_name LIKE ? ESCAPE '\\' OR first_name || ' ' || last_name LIKE ? ESCAPE '\\'
                    )
                    OR c.id IN (
                        SELECT cr.credential_id FROM api_credential_roles cr JOIN api_roles r ON r.id = cr.role_id
                        WHERE r.name LIKE ? ESCAPE '\\'
                    ))
                """
            )
            let pattern: any SQLiteBindable = search.likeContainsPattern
            values += Array(repeating: pattern, count: 7)
        }
        if !conditions.isEmpty { whereClause = "WHERE " + conditions.joined(separator: " AND ") }
    }
}
