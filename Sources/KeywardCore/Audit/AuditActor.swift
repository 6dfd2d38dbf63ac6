/// Who made a change: an admin (admin area or legacy API login), an API credential, the CLI
/// operator, or Keyward itself.
public struct AuditActor: Hashable, Sendable, Codable {
    /// The kind of actor.
    public enum Kind: String, Hashable, Sendable, Codable {
        case admin, credential, cli, system
    }

    /// The kind of actor.
    public var kind: Kind
    /// The admin or credential id, when there is one.
    public var id: Int64?
    /// A readable name: the username, the credential identifier, `cli` or `system`.
    public var label: String

    /// Creates an actor.
    public init(kind: Kind, id: Int64? = nil, label: String) {
        self.kind = kind
        self.id = id
        self.label = label
    }

    /// Keyward itself (first-start bootstrap, migrations).
    public static let system = AuditActor(kind: .system, label: "system")

    /// The operator at the command line, named by the OS user when known.
    public static func cli(_ user: String = "cli") -> AuditActor { AuditActor(kind: .cli, label: user) }

    /// An admin.
    public static func admin(_ admin: Admin) -> AuditActor {
        AuditActor(kind: .admin, id: admin.id, label: admin.username)
    }
}

/// The actor of a change and where the request came from.
public struct AuditContext: Hashable, Sendable {
    /// Who made the change.
    public var actor: AuditActor
    /// The client IP of the request, if it came over the network.
    public var clientIP: String?
    /// The admin whose permissions bound the operation: the signed-in admin in the admin area,
    /// or the credential's admin for API management actions. `nil` for the CLI operator and
    /// Keyward itself, who may do everything.
    public var actingAdminID: Int64?

    /// Creates a context.
    public init(actor: AuditActor, clientIP: String? = nil, actingAdminID: Int64? = nil) {
        self.actor = actor
        self.clientIP = clientIP
        self.actingAdminID = actingAdminID
    }

    /// The CLI operator.
    public static func cli(_ user: String = "cli") -> AuditContext { AuditContext(actor: .cli(user)) }

    /// Keyward itself.
    public static let system = AuditContext(actor: .system)
}
