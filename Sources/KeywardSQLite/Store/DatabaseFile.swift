import KeywardCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// File-system steps around a database file that SQLite does not take itself.
enum DatabaseFile {
    /// Creates the file with mode 0600 unless it exists, so the database is private from its first
    /// byte. SQLite creates the `-wal` and `-shm` files with the database file's mode.
    static func createIfMissing(_ path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if descriptor >= 0 {
            _ = close(descriptor)
            return
        }
        let code = errno
        guard code == EEXIST else {
            throw KeywardError(.storage, "Cannot create the database file \(path): \(String(cString: strerror(code)))")
        }
    }
}
