import KeywardCore

extension PostgresTransaction {
    private static let roleColumns = "id, name, description, created_at, updated_at"

    func insertRole(_ role: APIRole) throws -> Int64 {
        try perform { db in
            var values: [any PostgresBindable] = [
                role.name, role.name.lowercased(), role.description, role.createdAt, role.updatedAt,
            ]
            let explicitID = keepsIDs && role.id > 0
            if explicitID { values.append(role.id) }
            let id =
                try db.fetchOne(
                    """
                    INSERT INTO api_roles (name, name_key, description, created_at, updated_at\(explicitID ? ", id" : ""))
                    VALUES ($1, $2, $3, $4, $5\(explicitID ? ", $6" : "")) RETURNING id
                    """,
                    values
                ) { $0.int64(0) } ?? 0
            try insertActions(role.allowedActions, roleID: id, db)
            return id
        }
    }

    func role(id: Int64) throws -> APIRole? {
        try perform { db in
            try db.fetchOne("SELECT \(Self.roleColumns) FROM api_roles WHERE id = $1", [id], row: Self.role)
                .map { try withActions($0, db) }
        }
    }

    func role(named name: String) throws -> APIRole? {
        try perform { db in
            try db.fetchOne(
                "SELECT \(Self.roleColumns) FROM api_roles WHERE name_key = $1",
                [name.lowercased()],
                row: Self.role
            )
            .map { try withActions($0, db) }
        }
    }

    func roles() throws -> [APIRole] {
        try perform { db in
            var actions: [Int64: [String]] = [:]
            for (roleID, action) in try db.fetchAll(
                "SELECT role_id, action FROM api_role_actions ORDER BY role_id",
                row: { ($0.int64(0), $0.string(1)) }
            ) {
                actions[roleID, default: []].append(action)
            }
            return try db.fetchAll("SELECT \(Self.roleColumns) FROM api_roles ORDER BY name_key, id") { row in
                var role = Self.role(row)
                role.setAllowedActions(actions[role.id] ?? [])
                return role
            }
        }
    }

    func updateRole(_ role: APIRole) throws {
        try perform { db in
            let result = try db.execute(
                "UPDATE api_roles SET name = $1, name_key = $2, description = $3, updated_at = $4 WHERE id = $5",
                [role.name, role.name.lowercased(), role.description, role.updatedAt, role.id]
            )
            try requireChange(result, "API role \(role.id) not found")
            try db.execute("DELETE FROM api_role_actions WHERE role_id = $1", [role.id])
            try insertActions(role.allowedActions, roleID: role.id, db)
        }
    }

    func deleteRole(id: Int64) throws {
        // The foreign key cascades to api_credential_roles: the role leaves every credential.
        try perform { db in
            let result = try db.execute("DELETE FROM api_roles WHERE id = $1", [id])
            try requireChange(result, "API role \(id) not found")
        }
    }

    func credentialIDs(holdingRole roleID: Int64) throws -> [Int64] {
        try perform { db in
            try db.fetchAll(
                "SELECT credential_id FROM api_credential_roles WHERE role_id = $1 ORDER BY credential_id",
                [roleID]
            ) { $0.int64(0) }
        }
    }

    private func insertActions(_ actions: Set<String>, roleID: Int64, _ db: PostgresConnection) throws {
        guard !actions.isEmpty else { return }
        try db.execute(
            "INSERT INTO api_role_actions (role_id, action) SELECT $1, unnest($2::text[])",
            [roleID, PostgresValue.textArray(actions.sorted())]
        )
    }

    private func withActions(_ role: APIRole, _ db: PostgresConnection) throws -> APIRole {
        var role = role
        role.setAllowedActions(
            try db.fetchAll("SELECT action FROM api_role_actions WHERE role_id = $1", [role.id]) { $0.string(0) }
        )
        return role
    }

    /// A role without its actions, from a row of ``roleColumns``.
    static func role(_ row: PostgresRow) -> APIRole {
        APIRole(
            id: row.int64(0),
            name: row.string(1),
            description: row.string(2),
            allowedActions: [String](),
            createdAt: row.date(3),
            updatedAt: row.date(4)
        )
    }
}
