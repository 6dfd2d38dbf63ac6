import FoundationEssentials
import KeywardCore
import Testing

@testable import KeywardPostgres

/// A store on a fresh schema of the test database, tagged with its own `application_name`, so a
/// test can find (and terminate) exactly its own server connections while other tests run.
final class PostgresTestStore: Sendable {
    /// The store.
    let store: PostgresStore
    /// Its configuration (schema, pool size, application name).
    let configuration: PostgresConfiguration
    /// The `application_name` of the store's connections.
    let applicationName: String

    /// Opens a store on a new schema. `adjust` may change the configuration first.
    init(
        clock: any WallClock = SystemClock(),
        poolSize: Int = 4,
        _ adjust: (inout PostgresConfiguration) -> Void = { _ in }
    ) throws {
        let url = try #require(PostgresTestDatabase.url)
        var configuration = try PostgresTestDatabase.configuration(url: url, poolSize: poolSize)
        applicationName = "kwtest-" + configuration.schema.dropFirst("kwtest_".count).prefix(12)
        configuration.options["application_name"] = applicationName
        adjust(&configuration)
        self.configuration = configuration
        store = try PostgresStore(configuration: configuration, clock: clock)
    }

    /// A second store (another "node") on the same schema.
    func sibling(clock: any WallClock = SystemClock()) throws -> PostgresStore {
        try PostgresStore(configuration: configuration, clock: clock)
    }

    /// Closes the store and drops the schema.
    func destroy() {
        store.close()
        try? PostgresStore.erase(configuration)
    }

    deinit {
        destroy()
    }

    /// Terminates every server connection of this test's stores (pool and listener), as an
    /// operator's `pg_terminate_backend` or a failover would, and returns how many there were.
    @discardableResult
    func terminateConnections() throws -> Int {
        try Self.withAdminConnection(configuration) { connection in
            try connection.fetchOne(
                """
                SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                WHERE application_name = $1 AND pid <> pg_backend_pid()
                """,
                [applicationName]
            ) { Int($0.int64(0)) } ?? 0
        }
    }

    /// How many server connections this test's stores have open.
    func connectionCount() throws -> Int {
        try Self.withAdminConnection(configuration) { connection in
            try connection.fetchOne(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()",
                [applicationName]
            ) { Int($0.int64(0)) } ?? 0
        }
    }

    /// Runs `body` on a new connection to the test database, outside any store.
    @discardableResult
    static func withAdminConnection<T>(
        _ configuration: PostgresConfiguration,
        _ body: (PostgresConnection) throws -> T
    ) throws -> T {
        var plain = configuration
        plain.options["application_name"] = "kwtest-admin"
        let connection = try PostgresConnection(parameters: plain.connectionParameters())
        defer { connection.close() }
        try connection.execute("SELECT set_config('search_path', $1, false)", ["\"\(configuration.schema)\""])
        return try body(connection)
    }
}
