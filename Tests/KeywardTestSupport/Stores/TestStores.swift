import KeywardCore
import KeywardSQLite

/// Fresh stores for tests: each call is a new, empty, migrated database.
public enum TestStores {
    /// A new private in-memory SQLite store.
    public static func sqlite(clock: any WallClock = ManualClock()) throws -> SQLiteStore {
        try SQLiteStore.inMemory(clock: clock)
    }

    /// A new SQLite store on a file in `directory`, for tests that reopen or inspect the file.
    public static func sqliteFile(
        in directory: TemporaryDirectory,
        name: String = "keyward.sqlite",
        clock: any WallClock = ManualClock()
    ) throws -> SQLiteStore {
        try SQLiteStore(path: directory.path(name), clock: clock)
    }
}
