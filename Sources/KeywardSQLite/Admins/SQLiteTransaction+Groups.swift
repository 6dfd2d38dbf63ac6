import KeywardCore

extension SQLiteTransaction {
    private static let groupColumns = "id, name, is_builtin, created_at, updated_at"

    func insertGroup(_ group: AdminGroup) throws -> Int64 {
        try perform { db in
            try db.execute(
                """
                INSERT INTO admin_groups (name, name_key, is_builtin, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?)
                """,
                group.name,
                group.name.lowercased(),
                group.isBuiltIn,
                group.createdAt,
                group.updatedAt
            )
            let id = db.lastInsertRowID
            try insertPermissions(group.permissions, groupID: id, db)
            return id
        }
    }

    func group(id: Int64) throws -> AdminGroup? {
        try perform { db in
            try db.fetchOne("SELECT \(Self.groupColumns) FROM admin_groups WHERE id = ?", id, row: Self.group)
                .map { try withPermissions($0, db) }
        }
    }

    func group(named name: String) throws -> AdminGroup? {
        try perform { db in
            try db.fetchOne(
                "SELECT \(Self.groupColumns) FROM admin_groups WHERE name_key = ?",
                name.lowercased(),
                row: Self.group
            )
            .map { try withPermissions($0, db) }
        }
    }

    func groups() throws -> [AdminGroup] {
        try perform { db in
            var permissions: [Int64: Set<Permission>] = [:]
            try db.forEachRow("SELECT group_id, permission FROM admin_group_permissions ORDER BY group_id") {
                permissions[$0.int64(at: 0), default: []].insert(Permission($0.string(at: 1)))
            }
            return try db.fetchAll("SELECT \(Self.groupColumns) FROM admin_groups ORDER BY id") { row in
                var group = Self.group(row)
                group.permissions = permissions[group.id] ?? []
                return group
            }
        }
    }

    func updateGroup(_ group: AdminGroup) throws {
        try perform { db in
            try db.execute(
                "UPDATE admin_groups SET name = ?, name_key = ?, updated_at = ? WHERE id = ?",
                group.name,
                group.name.lowercased(),
                group.updatedAt,
                group.id
            )
            try requireChange(db, "Admin group \(group.id) not found")
            try db.execute("DELETE FROM admin_group_permissions WHERE group_id = ?", group.id)
            try insertPermissions(group.permissions, groupID: group.id, db)
        }
    }

    func deleteGroup(id: Int64) throws {
        try perform(foreignKeyMessage: "The admin group still has admins; move them to another group first") { db in
            try db.execute("DELETE FROM admin_groups WHERE id = ?", id)
            try requireChange(db, "Admin group \(id) not found")
        }
    }

    private func insertPermissions(_ permissions: Set<Permission>, groupID: Int64, _ db: SQLiteConnection) throws {
        for permission in permissions.sorted() {
            try db.execute(
                "INSERT INTO admin_group_permissions (group_id, permission) VALUES (?, ?)",
                groupID,
                permission.name
            )
        }
    }

    private func withPermissions(_ group: AdminGroup, _ db: SQLiteConnection) throws -> AdminGroup {
        var group = group
        group.permissions = Set(
            try db.fetchAll("SELECT permission FROM admin_group_permissions WHERE group_id = ?", group.id) {
                Permission($0.string(at: 0))
            }
        )
        return group
    }

    /// A group without its permissions, from a row of ``groupColumns``.
    private static func group(_ row: SQLiteStatement) -> AdminGroup {
        AdminGroup(
            id: row.int64(at: 0),
            name: row.string(at: 1),
            permissions: [],
            isBuiltIn: row.bool(at: 2),
            createdAt: row.date(at: 3),
            updatedAt: row.date(at: 4)
        )
    }
}
