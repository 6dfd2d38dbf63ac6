import FoundationEssentials
import KeywardCore
import KeywardTestSupport
import Testing

/// A kind of store the conformance suite runs against: how to make a fresh, empty database and
/// open stores on it.
struct StoreFactory: Sendable, CustomTestStringConvertible {
    /// The name shown in test results, such as `sqlite-file`.
    let name: String
    /// Whether the database outlives its store, so a test can close the store and reopen it.
    let isPersistent: Bool
    /// Creates a fresh, empty database.
    let makeDatabase: @Sendable () throws -> TestDatabase

    var testDescription: String { name }

    /// Runs `body` with a store on a fresh database, then closes the store and drops the database.
    @discardableResult
    func withStore<T>(clock: any WallClock = ManualClock(), _ body: (any Store) throws -> T) throws -> T {
        try withDatabase { database in
            let store = try database.open(clock)
            defer { store.close() }
            return try body(store)
        }
    }

    /// Runs `body` with a fresh database, for tests that open several stores on it in turn.
    @discardableResult
    func withDatabase<T>(_ body: (TestDatabase) throws -> T) throws -> T {
        let database = try makeDatabase()
        defer { database.destroy() }
        return try body(database)
    }

    /// A factory only when the environment variable `name` is set (to a database URL, say).
    ///
    /// ```swift
    /// + StoreFactory.ifEnvironment("KEYWARD_TEST_POSTGRES_URL") { url in .postgres(url: url) }
    /// ```
    static func ifEnvironment(_ variable: String, _ make: (String) -> StoreFactory) -> [StoreFactory] {
        guard let value = ProcessInfo.processInfo.environment[variable], !value.isEmpty else { return [] }
        return [make(value)]
    }
}
