import KeywardCore

/// `GetAdminDetails`: the authenticated admin, in WHMCS's shape.
public struct GetAdminDetails: APIAction {
    /// Creates the action.
    public init() {}
    /// The canonical name.
    public var name: String { "GetAdminDetails" }
    /// The role editor's category.
    public var category: String { "Authentication" }
    /// What the action does.
    public var summary: String { "Obtain details pertaining to the currently authenticated admin user" }
    /// It reads no parameters.
    public var parameters: [ActionParameter] { [] }
    /// The answer depends only on the admin, the index and the second.
    public var isCacheable: Bool { true }

    /// Answers the admin's id, name, notes, signature, permissions and the request time.
    public func run(_ call: APICall) -> APIResult {
        guard let (admin, permissions) = call.index.adminDetails(id: call.principal.adminID) else {
            return .error("Admin Not Found")
        }
        return .success([
            ("adminid", .string(String(admin.id))),
            ("name", .string(admin.fullName)),
            ("notes", .string(admin.notes)),
            ("signature", .string(admin.signature)),
            ("allowedpermissions", .string(permissions)),
            ("departments", .string("")),
            ("requesttime", .string(TimeFormat.currentDateTime(call.time))),
            ("whmcs", WhmcsDetails.versionObject(call.version)),
        ])
    }
}
