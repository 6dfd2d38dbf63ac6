import FoundationEssentials
import KeywardCore

extension SQLiteTransaction {
    private static let adminColumns = """
        id, uuid, username, first_name, last_name, email, group_id, is_disabled, notes, signature, \
        created_at, updated_at
        """

    private static let missingGroup = "The admin group does not exist"

    func insertAdmin(_ admin: Admin, passwordHash: String) throws -> Int64 {
        try perform(foreignKeyMessage: Self.missingGroup) { db in
            try db.execute(
                """
                INSERT INTO admins (
                    uuid, username, username_key, first_name, last_name, email, group_id, is_disabled,
                    notes, signature, password_hash, created_at, updated_at
                ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                admin.uuid,
                admin.username,
                admin.username.lowercased(),
                admin.firstName,
                admin.lastName,
                admin.email,
                admin.groupID,
                admin.isDisabled,
                admin.notes,
                admin.signature,
                passwordHash,
                admin.createdAt,
                admin.updatedAt
            )
            return db.lastInsertRowID
        }
    }

    func admin(id: Int64) throws -> Admin? {
        try perform { db in
            try db.fetchOne("SELECT \(Self.adminColumns) FROM admins WHERE id = ?", id, row: Self.admin)
        }
    }

    func admin(username: String) throws -> Admin? {
        try perform { db in
            try db.fetchOne(
                "SELECT \(Self.adminColumns) FROM admins WHERE username_key = ?",
                username.lowercased(),
                row: Self.admin
            )
        }
    }

    func admins() throws -> [Admin] {
        try perform { db in
            try db.fetchAll("SELECT \(Self.adminColumns) FROM admins ORDER BY id", row: Self.admin)
        }
    }

    func updateAdmin(_ admin: Admin) throws {
        try perform(foreignKeyMessage: Self.missingGroup) { db in
            try db.execute(
                """
                UPDATE admins SET
                    username = ?, username_key = ?, first_name = ?, last_name = ?, email = ?, group_id = ?,
                    is_disabled = ?, notes = ?, signature = ?, updated_at = ?
                WHERE id = ?
                """,
                admin.username,
                admin.username.lowercased(),
                admin.firstName,
                admin.lastName,
                admin.email,
                admin.groupID,
                admin.isDisabled,
                admin.notes,
                admin.signature,
                admin.updatedAt,
                admin.id
            )
            try requireChange(db, "Admin \(admin.id) not found")
        }
    }

    func passwordHash(adminID: Int64) throws -> String? {
        try perform { db in
            try db.fetchOne("SELECT password_hash FROM admins WHERE id = ?", adminID) { $0.string(at: 0) }
        }
    }

    func setPasswordHash(adminID: Int64, hash: String, at time: Date) throws {
        try perform { db in
            try db.execute("UPDATE admins SET password_hash = ?, updated_at = ? WHERE id = ?", hash, time, adminID)
            try requireChange(db, "Admin \(adminID) not found")
        }
    }

    func deleteAdmin(id: Int64) throws {
        // The foreign keys cascade to the admin's credentials and their role links, in this
        // statement and so in this transaction.
        try perform { db in
            try db.execute("DELETE FROM admins WHERE id = ?", id)
            try requireChange(db, "Admin \(id) not found")
        }
    }

    /// An admin from a row of ``adminColumns``.
    private static func admin(_ row: SQLiteStatement) -> Admin {
        Admin(
            id: row.int64(at: 0),
            uuid: row.string(at: 1),
            username: row.string(at: 2),
            firstName: row.string(at: 3),
            lastName: row.string(at: 4),
            email: row.string(at: 5),
            groupID: row.int64(at: 6),
            isDisabled: row.bool(at: 7),
            notes: row.string(at: 8),
            signature: row.string(at: 9),
            createdAt: row.date(at: 10),
            updatedAt: row.date(at: 11)
        )
    }
}
