import KeywardCore

extension PostgresTransaction {
    private static let groupColumns = "id, name, is_builtin, created_at, updated_at"

    func insertGroup(_ group: AdminGroup) throws -> Int64 {
        try perform { db in
            var values: [any PostgresBindable] = [
                group.name, group.name.lowercased(), group.isBuiltIn, group.createdAt, group.updatedAt,
            ]
            let explicitID = keepsIDs && group.id > 0
            if explicitID { values.append(group.id) }
            let id =
                try db.fetchOne(
                    """
                    INSERT INTO admin_groups (name, name_key, is_builtin, created_at, updated_at\(explicitID ? ", id" : ""))
                    VALUES ($1, $2, $3, $4, $5\(explicitID ? ", $6" : "")) RETURNING id
                    """,
                    values
                ) { $0.int64(0) } ?? 0
            try insertPermissions(group.permissions, groupID: id, db)
            return id
        }
    }

    func group(id: Int64) throws -> AdminGroup? {
        try perform { db in
            try db.fetchOne("SELECT \(Self.groupColumns) FROM admin_groups WHERE id = $1", [id], row: Self.group)
                .map { try withPermissions($0, db) }
        }
    }

    func group(named name: String) throws -> AdminGroup? {
        try perform { db in
            try db.fetchOne(
                "SELECT \(Self.groupColumns) FROM admin_groups WHERE name_key = $1",
                [name.lowercased()],
                row: Self.group
            )
            .map { try withPermissions($0, db) }
        }
    }

    func groups() throws -> [AdminGroup] {
        try perform { db in
            var permissions: [Int64: Set<Permission>] = [:]
            for (groupID, permission) in try db.fetchAll(
                "SELECT group_id, permission FROM admin_group_permissions ORDER BY group_id",
                row: { ($0.int64(0), $0.string(1)) }
            ) {
                permissions[groupID, default: []].insert(Permission(permission))
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
            let result = try db.execute(
                "UPDATE admin_groups SET name = $1, name_key = $2, updated_at = $3 WHERE id = $4",
                [group.name, group.name.lowercased(), group.updatedAt, group.id]
            )
            try requireChange(result, "Admin group \(group.id) not found")
            try db.execute("DELETE FROM admin_group_permissions WHERE group_id = $1", [group.id])
            try insertPermissions(group.permissions, groupID: group.id, db)
        }
    }

    func deleteGroup(id: Int64) throws {
        try perform(foreignKeyMessage: "The admin group still has admins; move them to another group first") { db in
            let result = try db.execute("DELETE FROM admin_groups WHERE id = $1", [id])
            try requireChange(result, "Admin group \(id) not found")
        }
    }

    private func insertPermissions(_ permissions: Set<Permission>, groupID: Int64, _ db: PostgresConnection) throws {
        guard !permissions.isEmpty else { return }
        try db.execute(
            "INSERT INTO admin_group_permissions (group_id, permission) SELECT $1, unnest($2::text[])",
            [groupID, PostgresValue.textArray(permissions.sorted().map(\.name))]
        )
    }

    private func withPermissions(_ group: AdminGroup, _ db: PostgresConnection) throws -> AdminGroup {
        var group = group
        group.permissions = Set(
            try db.fetchAll("SELECT permission FROM admin_group_permissions WHERE group_id = $1", [group.id]) {
                Permission($0.string(0))
            }
        )
        return group
    }

    /// A group without its permissions, from a row of ``groupColumns``.
    private static func group(_ row: PostgresRow) -> AdminGroup {
        AdminGroup(
            id: row.int64(0),
            name: row.string(1),
            permissions: [],
            isBuiltIn: row.bool(2),
            createdAt: row.date(3),
            updatedAt: row.date(4)
        )
    }
}
