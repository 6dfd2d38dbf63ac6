import KeywardCore

extension PostgresTransaction {
    func credentials(matching query: CredentialQuery) throws -> CredentialPage {
        try perform { db in
            let filter = CredentialFilter(adminID: query.adminID, search: query.search)
            // Both counts in one pass: the admin scope for the total, the search for the matches.
            let (total, matching) =
                try db.fetchOne(
                    """
                    SELECT count(*), count(*) FILTER (WHERE \(filter.searchCondition))
                    FROM api_credentials c \(filter.scopeClause)
                    """,
                    filter.values
                ) { (Int($0.int64(0)), Int($0.int64(1))) } ?? (0, 0)
            guard query.limit > 0, query.offset < matching else {
                return CredentialPage(rows: [], matching: matching, total: total)
            }
            // The page's ids first, sorting only (key, id); then the page's rows in one query.
            let order = Self.order(query.sort, ascending: query.ascending)
            let limit = filter.values.count + 1
            let ids = try db.fetchAll(
                """
                \(order.with)
                SELECT c.id FROM api_credentials c \(order.join)
                \(filter.whereClause)
                ORDER BY \(order.terms)
                LIMIT $\(limit) OFFSET $\(limit + 1)
                """,
                filter.values + [query.limit, query.offset]
            ) { $0.int64(0) }
            let rows = try listings(ids, db)
            return CredentialPage(rows: ids.compactMap { rows[$0] }, matching: matching, total: total)
        }
    }

    /// The rows of the credentials table for these ids, with their admins' names and their roles.
    private func listings(_ ids: [Int64], _ db: PostgresConnection) throws -> [Int64: CredentialListing] {
        let rows = try db.fetchAll(
            """
            SELECT \(Self.credentialColumns), \(Self.roleIDsSQL), a.username, a.first_name, a.last_name,
                array(
                    SELECT r.name FROM api_credential_roles cr JOIN api_roles r ON r.id = cr.role_id
                    WHERE cr.credential_id = c.id
                )
            FROM api_credentials c JOIN admins a ON a.id = c.admin_id
            WHERE c.id = ANY($1::bigint[])
            """,
            [PostgresValue.int64Array(ids)]
        ) { row in
            let username = row.string(8)
            let fullName = [row.string(9), row.string(10)].filter { !$0.isEmpty }.joined(separator: " ")
            return CredentialListing(
                credential: Self.credentialWithRoles(row),
                adminUsername: username,
                adminFullName: fullName.isEmpty ? username : fullName,
                roleNames: row.stringArray(11).sorted { ($0.lowercased(), $0) < ($1.lowercased(), $1) }
            )
        }
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.credential.id, $0) })
    }

    /// How to order a sort: an optional `WITH` clause and join, and the `ORDER BY` terms. The
    /// credential id breaks ties, so paging is stable. Text compares as the SQLite store's does:
    /// bytes for identifiers, ASCII case-insensitively (`lower()` under "C") where SQLite uses
    /// NOCASE; never-used credentials sort as the oldest, as SQLite's NULLs do.
    ///
    /// Every part is a constant fragment, so each connection prepares at most one statement per
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
            return ("", "", "lower(c.description) \(direction), c.id \(direction)")
        case .admin:
            // Ranking the (few) admins once and sorting credentials by an integer.
            return (
                """
                WITH admin_order (id, position) AS (
                    SELECT a.id, row_number() OVER (ORDER BY lower(\(adminFullNameSQL)), a.username_key)
                    FROM admins a
                )
                """,
                "JOIN admin_order ao ON ao.id = c.admin_id",
                "ao.position \(direction), c.id \(direction)"
            )
        case .roles:
            // Credentials share a handful of role sets: each distinct set's names are joined and
            // lower-cased once, instead of once per credential (four times faster at a million).
            return (
                """
                WITH role_sets AS (
                    SELECT credential_id, array_agg(role_id ORDER BY role_id) AS roles
                    FROM api_credential_roles GROUP BY credential_id
                ), role_set_keys AS (
                    SELECT s.roles, lower(string_agg(r.name, ', ' ORDER BY r.name_key, r.name)) AS key
                    FROM (SELECT DISTINCT roles FROM role_sets) AS s
                        CROSS JOIN LATERAL unnest(s.roles) AS u (role_id)
                        JOIN api_roles r ON r.id = u.role_id
                    GROUP BY s.roles
                )
                """,
                """
                LEFT JOIN role_sets rs ON rs.credential_id = c.id
                LEFT JOIN role_set_keys rk ON rk.roles = rs.roles
                """,
                "coalesce(rk.key, '') \(direction), c.id \(direction)"
            )
        case .created:
            return ("", "", "c.created_at \(direction), c.id \(direction)")
        case .lastAccess:
            let nulls = ascending ? "NULLS FIRST" : "NULLS LAST"
            return ("", "", "c.last_access_at \(direction) \(nulls), c.id \(direction)")
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
}

/// The admin scope and the search text of a credentials query, as SQL with `$n` placeholders.
private struct CredentialFilter {
    /// `WHERE c.admin_id = $1`, or empty.
    var scopeClause = ""
    /// The search condition, or `true`.
    var searchCondition = "true"
    /// The scope and the search together.
    var whereClause = ""
    /// The values of the placeholders, in order.
    var values: [any PostgresBindable] = []

    init(adminID: Int64?, search: String) {
        var conditions: [String] = []
        if let adminID {
            values.append(adminID)
            scopeClause = "WHERE c.admin_id = $1"
            conditions.append("c.admin_id = $1")
        }
        if !search.isEmpty {
            values.append(search.lowercasedLikeContainsPattern)
            let p = "$\(values.count)"
            // The admins and roles that match are found once (uncorrelated ARRAY subqueries run
            // as init plans); each credential then costs an array test and, only when some role
            // matched, one primary-key probe. An `IN (subquery)` here lets the planner choose a
            // subplan that rescans the role links per credential when its estimates are off:
            // minutes instead of a second at a million credentials.
            searchCondition = """
                (lower(c.identifier) LIKE \(p) ESCAPE '\\' OR lower(c.description) LIKE \(p) ESCAPE '\\'
                    OR c.admin_id = ANY (ARRAY(
                        SELECT id FROM admins
                        WHERE lower(username) LIKE \(p) ESCAPE '\\' OR lower(first_name) LIKE \(p) ESCAPE '\\'
                            OR lower(last_name) LIKE \(p) ESCAPE '\\'
                            OR lower(first_name || ' ' || last_name) LIKE \(p) ESCAPE '\\'
                    ))
                    OR (
                        cardinality(ARRAY(SELECT id FROM api_roles WHERE lower(name) LIKE \(p) ESCAPE '\\')) > 0
                        AND EXISTS (
                            SELECT 1 FROM api_credential_roles cr
                            WHERE cr.credential_id = c.id
                                AND cr.role_id = ANY (ARRAY(
                                    SELECT id FROM api_roles WHERE lower(name) LIKE \(p) ESCAPE '\\'
                                ))
                        )
                    ))
                """
            conditions.append(searchCondition)
        }
        if !conditions.isEmpty { whereClause = "WHERE " + conditions.joined(separator: " AND ") }
    }
}
