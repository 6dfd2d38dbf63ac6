import KeywardCore
import KeywardSQLite

/// Opens the store a ``DatabaseLocation`` names: the one place that knows every kind of store.
///
/// Plugging in PostgreSQL is a matter of replacing the `.postgres` case below with the
/// `KeywardPostgres` store's initialiser.
public enum StoreOpener {
    /// Opens (and migrates) the store.
    ///
    /// - Throws: `unavailable` when the database cannot be opened (a missing directory, no
    ///   permission, a server out of reach); `invalidInput` for PostgreSQL, which is not supported
    ///   yet. Messages name the location (without any password), never a secret.
    public static func open(_ location: DatabaseLocation) throws -> any Store {
        switch location {
        case .sqlite(let path):
            do {
                return try SQLiteStore(path: path)
            } catch let error as KeywardError where error.code == .invalidInput {
                throw error
            } catch {
                throw unavailable(location, error)
            }
        case .postgres:
            throw KeywardError.invalidInput(
                "PostgreSQL is not supported yet (\(location)); use a SQLite database (--database sqlite:<path>)"
            )
        }
    }

    /// "Cannot open the database sqlite:/x: <reason>", keeping the cause for logs.
    static func unavailable(_ location: DatabaseLocation, _ error: any Error) -> KeywardError {
        let reason = (error as? KeywardError)?.message ?? "unexpected error"
        return KeywardError(
            .unavailable, "Cannot open the database \(location): \(reason)", cause: error as? KeywardError
        )
    }
}
