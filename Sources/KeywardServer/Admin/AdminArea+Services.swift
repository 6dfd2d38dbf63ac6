import KeywardCore
import KeywardSupport

extension AdminArea {
    /// The services the admin area uses.
    public struct Services: Sendable {
        /// Domain operations: every page reads and changes data through it, so permissions are
        /// enforced and every change is audited in its transaction.
        public var management: Management
        /// The in-memory index: admins, groups and security settings as of now.
        public var index: AuthIndex
        /// Failed sign-ins per client IP, and the resulting bans.
        public var bans: BanList
        /// Keyed hashing of session tokens (purpose `admin-session`).
        public var secrets: any SecretHasher
        /// Random session and CSRF tokens.
        public var generator: any CredentialGenerator
        /// The current time (session expiry, "5 minutes ago").
        public var clock: any WallClock
        /// Diagnostics: never a password, a secret, a token or a cookie.
        public var logger: Logger

        /// Bundles the services; the hasher, token generator and clock default to Management's.
        public init(
            management: Management,
            index: AuthIndex,
            bans: BanList,
            logger: Logger,
            secrets: (any SecretHasher)? = nil,
            generator: (any CredentialGenerator)? = nil,
            clock: (any WallClock)? = nil
        ) {
            self.management = management
            self.index = index
            self.bans = bans
            self.logger = logger
            self.secrets = secrets ?? management.secrets
            self.generator = generator ?? management.generator
            self.clock = clock ?? management.clock
        }
    }
}
