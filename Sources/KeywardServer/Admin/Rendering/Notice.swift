/// A message shown above a page's content: the result of the last action, or an error.
///
/// After a form post the browser is redirected with a `notice` code in the query string; only
/// the fixed messages below can be shown that way, so a link cannot make the page say anything
/// else.
struct Notice: Sendable, Hashable {
    /// How the message is styled and announced.
    enum Kind: String, Sendable {
        case success, info, warning, error
    }

    /// The style.
    var kind: Kind
    /// The message, as text.
    var message: String

    /// Creates a notice.
    init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The messages a redirect may ask for, by code.
    static let catalog: [String: Notice] = [
        "credential-updated": Notice(.success, "The API credential was updated."),
        "credential-deleted": Notice(.success, "The API credential was deleted. Requests that use it now fail."),
        "role-created": Notice(.success, "The API role was created."),
        "role-updated": Notice(.success, "The API role was updated."),
        "role-deleted": Notice(.success, "The API role was deleted and unassigned from its credentials."),
        "admin-created": Notice(.success, "The administrator was created."),
        "admin-updated": Notice(.success, "The administrator was updated."),
        "admin-password": Notice(.success, "The password was changed. API credentials are not affected."),
        "admin-disabled": Notice(.success, "The administrator was disabled; its API credentials no longer work."),
        "admin-enabled": Notice(.success, "The administrator was enabled."),
        "admin-removed": Notice(.success, "The administrator and its API credentials were removed."),
        "group-created": Notice(.success, "The admin role group was created."),
        "group-updated": Notice(.success, "The admin role group was updated."),
        "group-removed": Notice(.success, "The admin role group was removed."),
        "settings-saved": Notice(.success, "The security settings were saved."),
        "allowlist-added": Notice(.success, "The address was added to the API IP allowlist."),
        "allowlist-removed": Notice(.success, "The address was removed from the API IP allowlist."),
        "access-key-set": Notice(.success, "The API access key was set."),
        "access-key-removed": Notice(.success, "The API access key was removed."),
        "ban-lifted": Notice(.success, "The ban was lifted."),
        "password-changed": Notice(.success, "Your password was changed."),
        "signed-out": Notice(.info, "You have signed out."),
        "session-expired": Notice(.warning, "Your session expired. Please sign in again."),
    ]

    /// The notice for a code from the query string, if it is one of ``catalog``.
    static func named(_ code: String?) -> Notice? { code.flatMap { catalog[$0] } }

    /// The notice as an alert box.
    func render(spriteURL: String) -> HTML {
        let icon: Icon =
            switch kind {
            case .success: .check
            case .info: .info
            case .warning, .error: .alert
            }
        let role = kind == .error ? "alert" : "status"
        return
            "<div class=\"alert alert-\(kind.rawValue)\" role=\"\(role)\">\(icon.svg(spriteURL: spriteURL))<p>\(message)</p></div>"
    }
}
