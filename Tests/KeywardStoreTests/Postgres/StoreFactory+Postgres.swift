import FoundationEssentials
import KeywardCore
import KeywardPostgres

extension StoreFactory {
    /// A new schema (`kwtest_<uuid>`) in the PostgreSQL database at `url`, dropped afterwards, so
    /// tests run in parallel on one database without seeing each other.
    static func postgres(url: String) -> StoreFactory {
        StoreFactory(name: "postgres", isPersistent: true) {
            let configuration = try PostgresTestDatabase.configuration(url: url)
            return TestDatabase(
                open: { clock in try PostgresStore(configuration: configuration, clock: clock) },
                destroy: { try? PostgresStore.erase(configuration) }
            )
        }
    }
}

/// The PostgreSQL database the tests use, from `KEYWARD_TEST_POSTGRES_URL` (see
/// `scripts/with-postgres.sh`), and fresh schemas in it.
enum PostgresTestDatabase {
    /// The environment variable holding the test database's URL.
    static let variable = "KEYWARD_TEST_POSTGRES_URL"

    /// The URL, or `nil` when PostgreSQL tests are not configured.
    static var url: String? {
        guard let value = ProcessInfo.processInfo.environment[variable], !value.isEmpty else { return nil }
        return value
    }

    /// Whether PostgreSQL tests can run.
    static var isConfigured: Bool { url != nil }

    /// The configuration of `url` with a new, unique schema and a small pool.
    static func configuration(url: String, poolSize: Int = 4) throws -> PostgresConfiguration {
        var configuration = try PostgresConfiguration(url: url)
        configuration.schema = "kwtest_" + UUID().uuidString.lowercased().filter { $0 != "-" }
        configuration.poolSize = poolSize
        return configuration
    }
}
