internal import CKeywardSodium
import KeywardCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension ServerKey {
    /// The key file's name inside the data directory.
    public static let fileName = "secret.key"

    /// Reads the key from `<dataDirectory>/secret.key`, creating the directory and the file with a
    /// new random key on first use.
    ///
    /// **File format.** One line: the 32 key bytes as 64 lower-case hexadecimal characters, then a
    /// line feed (the final line feed may be missing). `openssl rand -hex 32` prints such a line.
    /// The file must be a regular file with no permission bits for group or others (mode 0600 or
    /// 0400).
    ///
    /// **Creation.** Missing directories are created with mode 0700. The key is written to a
    /// temporary file in the same directory (created with `O_CREAT | O_EXCL`, mode 0600), synced,
    /// and then linked to `secret.key` with `link(2)`, which never replaces an existing file. So a
    /// reader never sees a half-written key, and when several processes start at once exactly one
    /// key wins: a process that loses the race (`EEXIST`) reads and returns the winner's key.
    ///
    /// - Throws: `KeywardError` with code `invalidInput` if the file is readable or writable by
    ///   group or others, is not a regular file, or is malformed; `storage` if the file system
    ///   fails. Messages name the path and the reason, never the key.
    public static func loadOrCreate(dataDirectory: String) throws -> ServerKey {
        Sodium.initialize()
        guard !dataDirectory.isEmpty else {
            throw KeywardError(.invalidInput, "The data directory path must not be empty.")
        }
        try FileSystem.createDirectory(dataDirectory)
        let path = FileSystem.join(dataDirectory, fileName)
        // Two rounds are enough: the second only runs if the winner's file vanished in between.
        for _ in 0..<2 {
            if let existing = try read(path: path) { return existing }
            let candidate = generate()
            if try candidate.publish(at: path, in: dataDirectory) { return candidate }
        }
        throw KeywardError(.storage, "The key file \(path) keeps disappearing; is another process deleting it?")
    }

    /// Reads and validates the key file; `nil` if it does not exist.
    private static func read(path: String) throws -> ServerKey? {
        guard let file = try FileSystem.Descriptor.openIfExists(path: path, flags: O_RDONLY) else {
            return nil
        }
        let info = try file.status(path: path)
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw KeywardError(.invalidInput, "The key file \(path) is not a regular file.")
        }
        let permissions = info.st_mode & 0o777
        guard permissions & 0o077 == 0 else {
            throw KeywardError(
                .invalidInput,
                "The key file \(path) is accessible by group or others (mode 0\(String(permissions, radix: 8))); "
                    + "restrict it with `chmod 600 \(path)`."
            )
        }
        let digitCount = 2 * byteCount
        let key = try withUnsafeTemporaryAllocation(byteCount: digitCount + 2, alignment: 1) { buffer in
            defer { sodium_memzero(buffer.baseAddress!, buffer.count) }
            let count = try file.read(into: buffer, path: path)
            guard
                count == digitCount || (count == digitCount + 1 && buffer[digitCount] == UInt8(ascii: "\n"))
            else {
                throw malformedFile(path)
            }
            let digits = UnsafeRawBufferPointer(rebasing: buffer[..<digitCount])
            return try KeyBytes.make { key in
                guard Hex.decode(digits, into: key), Hex.isLowercase(digits) else {
                    throw malformedFile(path)
                }
            }
        }
        try file.close(path: path)
        return wrapping(key)
    }

    /// Writes this key to a temporary file and links it to `path` unless `path` exists.
    ///
    /// - Returns: `true` if this key is now the file's; `false` if another process created the
    ///   file first (its key should be read instead).
    private func publish(at path: String, in directory: String) throws -> Bool {
        let temporaryPath = FileSystem.join(directory, ".\(Self.fileName).\(getpid()).\(randombytes_random())")
        let file = try FileSystem.Descriptor(
            path: temporaryPath,
            flags: O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW,
            mode: 0o600
        )
        defer { _ = unlink(temporaryPath) }
        try file.setMode(0o600, path: temporaryPath)
        try withUnsafeTemporaryAllocation(byteCount: 2 * Self.byteCount + 1, alignment: 1) { line in
            defer { sodium_memzero(line.baseAddress!, line.count) }
            withUnsafeBytes { key in
                Hex.encode(key, into: UnsafeMutableRawBufferPointer(rebasing: line[..<(2 * Self.byteCount)]))
            }
            line[2 * Self.byteCount] = UInt8(ascii: "\n")
            try file.write(UnsafeRawBufferPointer(line), path: temporaryPath)
        }
        try file.sync(path: temporaryPath)
        try file.close(path: temporaryPath)
        guard link(temporaryPath, path) == 0 else {
            let code = errno
            if code == EEXIST { return false }
            throw FileSystem.error("Could not create \(path)", code)
        }
        try FileSystem.syncDirectory(directory)
        return true
    }

    private static func malformedFile(_ path: String) -> KeywardError {
        KeywardError(
            .invalidInput,
            "The key file \(path) is malformed: it must hold one line of 64 lower-case hexadecimal characters."
        )
    }
}
