import FoundationEssentials

/// Keyward's domain rules: every management operation, each in one transaction with its audit
/// event and change-feed entries.
///
/// `Management` is used the same way by the CLI, the admin area and the API's management actions.
/// When the ``AuditContext`` names an acting admin, that admin's group must hold the operation's
/// permission (checked in the same transaction); the CLI acts as the machine's operator and needs
/// none.
///
/// Slow work (Argon2id password hashing) happens before the transaction opens, never inside it.
public struct Management: Sendable {
    /// The store every operation runs against.
    public let store: any Store
    /// The current time.
    public let clock: any WallClock
    /// Admin password hashing.
    public let passwords: any PasswordHasher
    /// Keyed hashing of API secrets.
    public let secrets: any SecretHasher
    /// New identifiers and secrets.
    public let generator: any CredentialGenerator
    /// Runs after every committed write, before the operation returns, so this process's
    /// authentication index reflects the change before the caller answers its client.
    public private(set) var afterCommit: @Sendable () -> Void
    /// A hash of a password nobody knows, so an unknown username costs a full verification.
    let decoy: DecoyPasswordHash

    /// Creates the service.
    public init(
        store: any Store,
        clock: any WallClock = SystemClock(),
        passwords: any PasswordHasher,
        secrets: any SecretHasher,
        generator: any CredentialGenerator,
        afterCommit: @escaping @Sendable () -> Void = {}
    ) {
        self.store = store
        self.clock = clock
        self.passwords = passwords
        self.secrets = secrets
        self.generator = generator
        self.afterCommit = afterCommit
        self.decoy = DecoyPasswordHash()
    }

    /// A copy that calls `hook` after every committed write.
    public func withAfterCommit(_ hook: @escaping @Sendable () -> Void) -> Management {
        var copy = self
        copy.afterCommit = hook
        return copy
    }

    /// Runs a write transaction and then the after-commit hook.
    func write<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        let result = try store.write(body)
        afterCommit()
        return result
    }

    /// Checks, inside a transaction, that the context's acting admin (if any) holds a permission.
    func authorize(_ context: AuditContext, _ permission: Permission, in tx: any StoreTransaction) throws {
        try Self.authorizeRead(context, permission, in: tx)
    }

    /// Checks, inside a read (or write) transaction, that the context's acting admin (if any) is
    /// enabled and holds a permission. Reads that show management data use it too.
    public static func authorizeRead(
        _ context: AuditContext,
        _ permission: Permission,
        in tx: any StoreTransaction
    ) throws {
        guard let adminID = context.actingAdminID else { return }
        guard let admin = try tx.admin(id: adminID), !admin.isDisabled,
            let group = try tx.group(id: admin.groupID), group.allows(permission)
        else {
            throw KeywardError.forbidden("You do not have the \"\(permission.name)\" permission")
        }
        // An API credential acts only while it exists and its admin may use the API, checked in the
        // same transaction as the change (it may have been revoked while the request waited).
        if context.actor.kind == .credential {
            guard let id = context.actor.id, try tx.credential(id: id)?.adminID == adminID,
                group.allows(.apiAccess)
            else { throw KeywardError.forbidden("The API credential is no longer valid") }
        }
    }

    /// Appends an audit event stamped with the context and the current time.
    func audit(
        _ tx: any StoreTransaction,
        _ context: AuditContext,
        _ event: String,
        target: (type: String, id: Int64?, label: String),
        details: [String: String] = [:]
    ) throws {
        try tx.appendAudit(
            AuditEvent(
                time: clock.now(),
                actor: context.actor,
                event: event,
                targetType: target.type,
                targetID: target.id.map(String.init) ?? "",
                targetLabel: target.label,
                clientIP: context.clientIP,
                details: details
            )
        )
    }
}
