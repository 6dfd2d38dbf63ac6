import KeywardCore
import KeywardSQLite
import KeywardTestSupport

/// Every store the conformance suite runs against.
///
/// To add a store, append one factory. PostgreSQL, when its store exists, runs only where a test
/// database is configured:
///
/// ```swift
/// + StoreFactory.ifEnvironment("KEYWARD_TEST_POSTGRES_URL") { url in .postgres(url: url) }
/// ```
enum StoreFactories {
    /// Every factory.
    static let all: [StoreFactory] =
        [.sqliteInMemory, .sqliteFile]
        + StoreFactory.ifEnvironment("KEYWARD_TEST_POSTGRES_URL") { url in .postgres(url: url) }

    /// The factories whose databases survive closing the store.
    static let persistent: [StoreFactory] = all.filter(\.isPersistent)
}

extension StoreFactory {
    /// A private in-memory SQLite database (`memdb`), gone when its store closes.
    static let sqliteInMemory = StoreFactory(name: "sqlite-memory", isPersistent: false) {
        TestDatabase(open: { clock in try SQLiteStore.inMemory(clock: clock) }, destroy: {})
    }

    /// A SQLite file (WAL) in a new temporary directory, deleted afterwards.
    static let sqliteFile = StoreFactory(name: "sqlite-file", isPersistent: true) {
        let directory = try TemporaryDirectory(prefix: "keyward-store")
        let path = directory.path("keyward.sqlite")
        return TestDatabase(
            open: { clock in try SQLiteStore(path: path, clock: clock) },
            destroy: { directory.remove() }
        )
    }
}
