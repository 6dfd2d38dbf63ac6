import KeywardCore
import KeywardCrypto
import KeywardServer

extension KeywardEnvironment {
    /// Where the data lives and how to hash, resolved from options and environment variables.
    public struct Configuration: Sendable {
        /// Where the server key comes from.
        public enum ServerKeySource: Sendable {
            /// `<data-dir>/secret.key`, created on first use.
            case file
            /// `KEYWARD_SECRET_KEY`, already decoded.
            case environment(ServerKey)
        }

        /// The data directory.
        public var dataDirectory: String
        /// The database.
        public var database: DatabaseLocation
        /// Where the server key comes from.
        public var serverKey: ServerKeySource
        /// The Argon2id cost of new admin password hashes.
        public var passwordCost: Argon2idPasswordHasher.Cost
        /// The action catalog registered with ``Management/registerActions(_:)``.
        public var actions: [ActionDescriptor]

        /// The data directory when neither `--data-dir` nor `KEYWARD_DATA_DIR` is given.
        public static let defaultDataDirectory = "./keyward-data"

        /// The action catalog: the server's built-in API actions. The one place the CLI and the
        /// server learn which actions exist.
        public static var builtInActions: [ActionDescriptor] { ActionRegistry.builtIn.catalog }

        /// Creates a configuration.
        public init(
            dataDirectory: String,
            database: DatabaseLocation,
            serverKey: ServerKeySource = .file,
            passwordCost: Argon2idPasswordHasher.Cost = .interactive,
            actions: [ActionDescriptor] = Configuration.builtInActions
        ) {
            self.dataDirectory = dataDirectory
            self.database = database
            self.serverKey = serverKey
            self.passwordCost = passwordCost
            self.actions = actions
        }

        /// Resolves the configuration: an option wins over its environment variable, which wins
        /// over the default. Empty environment variables count as unset.
        ///
        /// - Parameters:
        ///   - dataDirectory: `--data-dir`, else `KEYWARD_DATA_DIR`, else `./keyward-data`.
        ///   - database: `--database`, else `KEYWARD_DATABASE_URL`, else
        ///     `sqlite:<data-dir>/keyward.sqlite`.
        ///   - environment: The process environment; also read: `KEYWARD_SECRET_KEY` (64 hex
        ///     characters, overriding `<data-dir>/secret.key`) and `KEYWARD_PASSWORD_COST`
        ///     (`interactive`, or `minimal` for tests only).
        /// - Throws: `invalidInput` for a bad database location, key or cost; no message repeats
        ///   the key.
        public static func resolve(
            dataDirectory: String?,
            database: String?,
            environment: [String: String]
        ) throws -> Configuration {
            func variable(_ name: String) -> String? {
                guard let value = environment[name], !value.trimmed.isEmpty else { return nil }
                return value
            }
            let directory = dataDirectory ?? variable("KEYWARD_DATA_DIR") ?? defaultDataDirectory
            guard !directory.trimmed.isEmpty else {
                throw KeywardError.invalidInput("The data directory is empty")
            }
            let location =
                try (database ?? variable("KEYWARD_DATABASE_URL")).map(DatabaseLocation.init(parsing:))
                ?? .default(dataDirectory: directory)
            let key: ServerKeySource
            if let hex = variable("KEYWARD_SECRET_KEY") {
                do {
                    key = .environment(try ServerKey(hex: hex))
                } catch {
                    throw KeywardError.invalidInput("KEYWARD_SECRET_KEY must be exactly 64 hexadecimal characters")
                }
            } else {
                key = .file
            }
            let cost: Argon2idPasswordHasher.Cost
            switch variable("KEYWARD_PASSWORD_COST")?.trimmed.lowercased() {
            case nil, "interactive": cost = .interactive
            case "minimal": cost = .minimal
            case let other?:
                throw KeywardError.invalidInput(
                    "KEYWARD_PASSWORD_COST must be \"interactive\" or \"minimal\" (tests only), not \"\(other)\""
                )
            }
            return Configuration(dataDirectory: directory, database: location, serverKey: key, passwordCost: cost)
        }
    }
}
