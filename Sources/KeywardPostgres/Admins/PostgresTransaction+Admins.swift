import FoundationEssentials
import KeywardCore

extension PostgresTransaction {
    private static let adminColumns = """
        id, uuid, username, first_name, last_name, email, group_id, is_disabled, notes, signature, \
        created_at, updated_at
        """

    private static let missingGroup = "The admin group does not exist"

    func insertAdmin(_ admin: Admin, passwordHash: String) throws -> Int64 {
        try perform(foreignKeyMessage: Self.missingGroup) { db in
            var values: [any PostgresBindable] = [
                admin.uuid, admin.username, admin.username.lowercased(), admin.firstName, admin.lastName,
                admin.email, admin.groupID, admin.isDisabled, admin.notes, admin.signature, passwordHash,
                admin.createdAt, admin.updatedAt,
            ]
            let explicitID = keepsIDs && admin.id > 0
            if explicitID { values.append(admin.id) }
            return try db.fetchOne(
                """
                INSERT INTO admins (
                    uuid, username, username_key, first_name, last_name, email, group_id, is_disabled,
                    notes, signature, password_hash, created_at, updated_at\(explicitID ? ", id" : "")
                ) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13\(explicitID ? ", $14" : ""))
                RETURNING id
                """,
                values
            ) { $0.int64(0) } ?? 0
        }
    }

    func admin(id: Int64) throws -> Admin? {
        try perform { db in
            try db.fetchOne("SELECT \(Self.adminColumns) FROM admins WHERE id = $1", [id], row: Self.admin)
        }
    }

    func admin(username: String) throws -> Admin? {
        try perform { db in
            try db.fetchOne(
                "SELECT \(Self.adminColumns) FROM admins WHERE username_key = $1",
                [username.lowercased()],
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
            let result = try db.execute(
                """
                UPDATE admins SET
                    username = $1, username_key = $2, first_name = $3, last_name = $4, email = $5, group_id = $6,
                    is_disabled = $7, notes = $8, signature = $9, updated_at = $10
                WHERE id = $11
                """,
                [
                    admin.username, admin.username.lowercased(), admin.firstName, admin.lastName, admin.email,
                    admin.groupID, admin.isDisabled, admin.notes, admin.signature, admin.updatedAt, admin.id,
                ]
            )
            try requireChange(result, "Admin \(admin.id) not found")
        }
    }

    func passwordHash(adminID: Int64) throws -> String? {
        try perform { db in
            try db.fetchOne("SELECT password_hash FROM admins WHERE id = $1", [adminID]) { $0.string(0) }
        }
    }

    func setPasswordHash(adminID: Int64, hash: String, at time: Date) throws {
        try perform { db in
            let result = try db.execute(
                "UPDATE admins SET password_hash = $1, updated_at = $2 WHERE id = $3", [hash, time, adminID])
            try requireChange(result, "Admin \(adminID) not found")
        }
    }

    func deleteAdmin(id: Int64) throws {
        // The foreign keys cascade to the admin's credentials, their role links and the admin's
        // sessions, in this statement and so in this transaction.
        try perform { db in
            let result = try db.execute("DELETE FROM admins WHERE id = $1", [id])
            try requireChange(result, "Admin \(id) not found")
        }
    }

    /// An admin from a row of ``adminColumns``.
    private static func admin(_ row: PostgresRow) -> Admin {
        Admin(
            id: row.int64(0),
            uuid: row.string(1),
            username: row.string(2),
            firstName: row.string(3),
            lastName: row.string(4),
            email: row.string(5),
            groupID: row.int64(6),
            isDisabled: row.bool(7),
            notes: row.string(8),
            signature: row.string(9),
            createdAt: row.date(10),
            updatedAt: row.date(11)
        )
    }
}
