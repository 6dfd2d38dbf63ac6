import KeywardCore
import KeywardCrypto
import KeywardTestSupport

/// A fresh in-memory Keyward for one test: store, real crypto at minimal Argon2id cost, a manual
/// clock, the first admin, an index that follows every commit.
struct TestKeyward {
    let store: any Store
    let clock: ManualClock
    let management: Management
    let index: AuthIndex
    let admin: Admin

    static let catalog = [
        ActionDescriptor(name: "GetAdminDetails", category: "Authentication", summary: "The admin"),
        ActionDescriptor(name: "GetAdminUsers", category: "Users", summary: "The admins"),
        ActionDescriptor(name: "WhmcsDetails", category: "System", summary: "The version"),
    ]

    init() throws {
        let clock = ManualClock()
        let store = try TestStores.sqlite(clock: clock)
        let hasher = BLAKE2bSecretHasher(key: ServerKey.generate())
        let index = AuthIndex(hasher: hasher)
        let management = Management(
            store: store,
            clock: clock,
            passwords: Argon2idPasswordHasher(cost: .minimal),
            secrets: hasher,
            generator: RandomCredentialGenerator(),
            afterCommit: { try? index.catchUp(from: store) }
        )
        try management.registerActions(Self.catalog)
        try management.bootstrapDefaults()
        self.store = store
        self.clock = clock
        self.management = management
        self.index = index
        self.admin = try management.createAdmin(
            AdminInput(username: "admin", firstName: "Ada", lastName: "Admin", email: "ada@example.com"),
            password: "first password",
            context: .system
        )
        try index.catchUp(from: store)
    }

    /// Creates a role allowing `actions`.
    @discardableResult
    func role(_ name: String, _ actions: [String]) throws -> APIRole {
        try management.createRole(name: name, actions: actions, context: .cli())
    }

    /// Whether a credential authenticates and may run `action`.
    func check(_ generated: GeneratedCredential, _ action: String? = "getadmindetails") -> AuthIndex.Check {
        index.check(
            identifier: generated.credential.identifier,
            presented: .secret(Substring(generated.secret)),
            action: action
        )
    }

    func authenticates(_ generated: GeneratedCredential) -> Bool { check(generated).principal != nil }
}
