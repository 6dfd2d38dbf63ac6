import KeywardCore

/// One fresh database made by a ``StoreFactory``.
struct TestDatabase: Sendable {
    /// Opens a store on the database. Non-persistent databases can be opened once.
    let open: @Sendable (any WallClock) throws -> any Store
    /// Drops the database (deletes files, drops schemas).
    let destroy: @Sendable () -> Void
}
