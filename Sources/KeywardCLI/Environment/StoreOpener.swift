import KeywardCore
import KeywardPostgres
import KeywardSQLite

/// Opens the store a ``DatabaseLocation`` names: the one place that knows every kind of store.
///
/// `sqlite:` locations open a ``SQLiteStore``; `postgres://` URLs a ``PostgresStore`` (see
/// `docs/postgres.md`).
public enum StoreOpener {
    /// Opens (and migrates) the store.
    ///
    /// - Throws: `unavailable` when the database cannot be opened (a missing directory, no
    ///   permission, a server out of reach or refusing the login); `invalidInput` for a malformed
    ///   PostgreSQL URL. Messages name the location (without any password), never a secret.
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
        case .postgres(let url):
            do {
                return try PostgresStore(url: url)
            } catch let error as KeywardError where error.code == .invalidInput {
                throw error
            } catch {
                throw unavailable(location, error)
            }
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
