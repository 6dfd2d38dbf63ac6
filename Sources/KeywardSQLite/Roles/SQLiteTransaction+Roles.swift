import KeywardCore

extension SQLiteTransaction {
    private static let roleColumns = "id, name, description, created_at, updated_at"

    func insertRole(_ role: APIRole) throws -> Int64 {
        try perform { db in
            try db.execute(
                """
                INSERT INTO api_roles (name, name_key, description, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?)
                """,
                role.name,
                role.name.lowercased(),
                role.description,
                role.createdAt,
                role.updatedAt
            )
            let id = db.lastInsertRowID
            try insertActions(role.allowedActions, roleID: id, db)
            return id
        }
    }

    func role(id: Int64) throws -> APIRole? {
        try perform { db in
            try db.fetchOne("SELECT \(Self.roleColumns) FROM api_roles WHERE id = ?", id, row: Self.role)
                .map { try withActions($0, db) }
        }
    }

    func role(named name: String) throws -> APIRole? {
        try perform { db in
            try db.fetchOne(
                "SELECT \(Self.roleColumns) FROM api_roles WHERE name_key = ?",
                name.lowercased(),
                row: Self.role
            )
            .map { try withActions($0, db) }
        }
    }

    func roles() throws -> [APIRole] {
        try perform { db in
            var actions: [Int64: [String]] = [:]
            try db.forEachRow("SELECT role_id, action FROM api_role_actions ORDER BY role_id") {
                actions[$0.int64(at: 0), default: []].append($0.string(at: 1))
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
            try db.execute(
                "UPDATE api_roles SET name = ?, name_key = ?, description = ?, updated_at = ? WHERE id = ?",
                role.name,
                role.name.lowercased(),
                role.description,
                role.updatedAt,
                role.id
            )
            try requireChange(db, "API role \(role.id) not found")
            try db.execute("DELETE FROM api_role_actions WHERE role_id = ?", role.id)
            try insertActions(role.allowedActions, roleID: role.id, db)
        }
    }

    func deleteRole(id: Int64) throws {
        // The foreign key cascades to api_credential_roles: the role leaves every credential.
        try perform { db in
            try db.execute("DELETE FROM api_roles WHERE id = ?", id)
            try requireChange(db, "API role \(id) not found")
        }
    }

    func credentialIDs(holdingRole roleID: Int64) throws -> [Int64] {
        try perform { db in
            try db.fetchAll(
                "SELECT credential_id FROM api_credential_roles WHERE role_id = ? ORDER BY credential_id",
                roleID
            ) { $0.int64(at: 0) }
        }
    }

    private func insertActions(_ actions: Set<String>, roleID: Int64, _ db: SQLiteConnection) throws {
        for action in actions.sorted() {
            try db.execute("INSERT INTO api_role_actions (role_id, action) VALUES (?, ?)", roleID, action)
        }
    }

    private func withActions(_ role: APIRole, _ db: SQLiteConnection) throws -> APIRole {
        var role = role
        role.setAllowedActions(
            try db.fetchAll("SELECT action FROM api_role_actions WHERE role_id = ?", role.id) { $0.string(at: 0) }
        )
        return role
    }

    /// A role without its actions, from a row of ``roleColumns``.
    static func role(_ row: SQLiteStatement) -> APIRole {
        APIRole(
            id: row.int64(at: 0),
            name: row.string(at: 1),
            description: row.string(at: 2),
            allowedActions: [String](),
            createdAt: row.date(at: 3),
            updatedAt: row.date(at: 4)
        )
    }
}
