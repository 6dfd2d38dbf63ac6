import FoundationEssentials
import KeywardCore
import KeywardHTTP

/// A request of a signed-in admin, as page handlers see it: the request, its parsed query and
/// body, the admin, its permissions and its session.
struct AdminRequest: Sendable {
    /// The request.
    let request: Request
    /// The query string's parameters.
    let query: FormData
    /// The body's parameters (empty for `GET`).
    let body: FormData
    /// The signed-in admin.
    let admin: Admin
    /// The admin's role group, if it still exists.
    let group: AdminGroup?
    /// The session.
    let session: AdminSession
    /// When the request is handled.
    let now: Date

    /// What the admin may do (nothing when disabled).
    var permissions: Set<Permission> { admin.isDisabled ? [] : group?.permissions ?? [] }

    /// Whether the admin may do something.
    func can(_ permission: Permission) -> Bool { permissions.contains(permission) }

    /// The audit context of changes made by this request: the admin, bounded by its permissions.
    var context: AuditContext {
        AuditContext(actor: .admin(admin), clientIP: request.clientAddress.description, actingAdminID: admin.id)
    }

    /// What the layout shows of the admin.
    var viewer: Layout.Viewer {
        Layout.Viewer(
            admin: admin,
            groupName: group?.name ?? "No role group",
            permissions: permissions,
            csrfToken: session.csrfToken
        )
    }

    /// Which part of a page the script asked for (`X-Keyward-Fragment`), or `nil` for a whole page.
    var fragment: String? { AdminRequest.fragment(of: request) }

    /// Whether the script asked for a fragment rather than a page.
    var wantsFragment: Bool { fragment != nil }

    /// The fragment a request asks for.
    static func fragment(of request: Request) -> String? {
        guard let value = request.headers["X-Keyward-Fragment"], !value.isEmpty else { return nil }
        return value
    }

    /// The path and query of this request, to come back to after an action.
    var here: String { request.query.isEmpty ? request.path : request.path + "?" + request.query }

    /// A body field as sent (Management trims and validates); empty when absent.
    func field(_ name: String) -> String { body[name] ?? "" }

    /// An id from the route pattern (`:id`).
    func id(_ name: String = "id") throws -> Int64 {
        guard let text = request.parameters[name], let id = Int64(text), id > 0 else {
            throw KeywardError.notFound("The page you asked for does not exist")
        }
        return id
    }

    /// Every value of a repeated body field (checkboxes) as ids; other values are ignored.
    func ids(_ name: String) -> [Int64] { body.allValues(for: name).compactMap { Int64($0) } }
}
