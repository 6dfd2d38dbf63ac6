import FoundationEssentials
import KeywardCore

extension Fixtures {
    /// Stores an admin role group and returns it with its id.
    @discardableResult
    public static func group(
        in tx: any StoreTransaction,
        name: String = "Operators",
        permissions: Set<Permission> = [.apiAccess],
        at time: Date = epoch
    ) throws -> AdminGroup {
        var group = AdminGroup(name: name, permissions: permissions, createdAt: time, updatedAt: time)
        group.id = try tx.insertGroup(group)
        return group
    }

    /// Stores an admin (by default a Full Administrator) and returns it with its id.
    @discardableResult
    public static func admin(
        in tx: any StoreTransaction,
        username: String,
        firstName: String = "",
        lastName: String = "",
        email: String? = nil,
        groupID: Int64 = AdminGroup.fullAdministratorID,
        isDisabled: Bool = false,
        passwordHash: String = passwordHash,
        at time: Date = epoch
    ) throws -> Admin {
        var admin = Admin(
            uuid: UUID().uuidString.lowercased(),
            username: username,
            firstName: firstName,
            lastName: lastName,
            email: email ?? "\(username.lowercased())@example.com",
            groupID: groupID,
            isDisabled: isDisabled,
            createdAt: time,
            updatedAt: time
        )
        admin.id = try tx.insertAdmin(admin, passwordHash: passwordHash)
        return admin
    }
}
