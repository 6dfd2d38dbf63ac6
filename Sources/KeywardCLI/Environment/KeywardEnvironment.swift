import FoundationEssentials
import KeywardCore
import KeywardCrypto

/// Everything a Keyward process needs to work on its data, built one way for the CLI and the
/// server: the store, the server key, the hashers and generator, and a ``Management`` with the
/// server's action catalog registered and first-run defaults written.
///
/// ```swift
/// let configuration = try KeywardEnvironment.Configuration.resolve(
///     dataDirectory: nil, database: nil, environment: ProcessInfo.processInfo.environment)
/// let keyward = try KeywardEnvironment.open(configuration)
/// defer { keyward.close() }
/// let index = try keyward.makeAuthIndex()
/// ```
///
/// Environment variables (see ``Configuration/resolve(dataDirectory:database:environment:)``):
/// - `KEYWARD_DATA_DIR`: the data directory (default `./keyward-data`), holding `secret.key` and,
///   by default, `keyward.sqlite`.
/// - `KEYWARD_DATABASE_URL`: `sqlite:<path>`, a plain path, or `postgres://user:password@host:port/db?sslmode=…`.
/// - `KEYWARD_SECRET_KEY`: the server key as 64 hex characters; overrides
///   `<data-dir>/secret.key`, so several nodes can share one key.
/// - `KEYWARD_PASSWORD_COST`: `interactive` (default) or `minimal`. **Test only**: `minimal` makes
///   admin password hashes cheap to crack.
public struct KeywardEnvironment: Sendable {
    /// What the environment was built from.
    public let configuration: Configuration
    /// The open store.
    public let store: any Store
    /// The id of the server key (never the key).
    public let serverKeyID: String
    /// The domain service, acting on ``store``.
    public let management: Management

    /// Opens the store, loads the key, builds ``management``, registers the action catalog and
    /// writes first-run defaults.
    ///
    /// - Throws: `KeywardError`: `unavailable` when the database cannot be opened,
    ///   `invalidInput` for a bad key file or `KEYWARD_SECRET_KEY`, `storage` when the data
    ///   directory cannot be created.
    public static func open(_ configuration: Configuration) throws -> KeywardEnvironment {
        let key: ServerKey
        switch configuration.serverKey {
        case .environment(let fromEnvironment):
            key = fromEnvironment
            if configuration.database == .default(dataDirectory: configuration.dataDirectory) {
                try createDataDirectory(configuration.dataDirectory)
            }
        case .file:
            key = try ServerKey.loadOrCreate(dataDirectory: configuration.dataDirectory)
        }
        let store = try StoreOpener.open(configuration.database)
        do {
            let management = Management(
                store: store,
                passwords: Argon2idPasswordHasher(cost: configuration.passwordCost),
                secrets: BLAKE2bSecretHasher(key: key),
                generator: RandomCredentialGenerator()
            )
            try management.registerActions(configuration.actions)
            try management.bootstrapDefaults()
            return KeywardEnvironment(
                configuration: configuration,
                store: store,
                serverKeyID: key.keyID,
                management: management
            )
        } catch {
            store.close()
            throw error
        }
    }

    /// A new authentication index, loaded from the store. A server keeps it current by calling
    /// ``AuthIndex/catchUp(from:)`` after each commit (``Management/withAfterCommit(_:)``) and on a
    /// timer.
    public func makeAuthIndex() throws -> AuthIndex {
        let index = AuthIndex(hasher: management.secrets)
        try index.catchUp(from: store)
        return index
    }

    /// Closes the store.
    public func close() { store.close() }

    /// Creates the data directory (mode 0700) and its parents when missing.
    static func createDataDirectory(_ path: String) throws {
        var isDirectory = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory {
            return
        }
        do {
            try FileManager.default.createDirectory(
                atPath: path,
                withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700]
            )
        } catch {
            throw KeywardError(.storage, "Cannot create the data directory \(path)")
        }
    }
}
