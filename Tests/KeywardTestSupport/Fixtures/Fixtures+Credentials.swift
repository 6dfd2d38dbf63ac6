import FoundationEssentials
import KeywardCore

extension Fixtures {
    /// Stores an API role and returns it with its id.
    @discardableResult
    public static func role(
        in tx: any StoreTransaction,
        name: String,
        description: String = "",
        actions: [String] = ["GetAdminDetails"],
        at time: Date = epoch
    ) throws -> APIRole {
        var role = APIRole(
            name: name,
            description: description,
            allowedActions: actions,
            createdAt: time,
            updatedAt: time
        )
        role.id = try tx.insertRole(role)
        return role
    }

    /// Stores an API credential with the fake ``digest`` and returns it with its id.
    @discardableResult
    public static func credential(
        in tx: any StoreTransaction,
        adminID: Int64,
        identifier: String? = nil,
        description: String = "",
        roleIDs: [Int64] = [],
        digest: SecretDigest = digest,
        at time: Date = epoch,
        lastAccessAt: Date? = nil,
        lastAccessIP: String? = nil
    ) throws -> APICredential {
        var credential = APICredential(
            identifier: identifier ?? uniqueIdentifier(),
            adminID: adminID,
            description: description,
            roleIDs: roleIDs,
            createdAt: time,
            lastAccessAt: lastAccessAt,
            lastAccessIP: lastAccessIP
        )
        credential.id = try tx.insertCredential(credential, digest: digest)
        return credential
    }
}
