import KeywardCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The few POSIX file operations the key file needs, with `EINTR` retried and failures turned
/// into `KeywardError`s that name the path and the system's reason (never file contents).
enum FileSystem {
    /// An open file descriptor, closed by ``close(path:)`` or, failing that, on deinit.
    struct Descriptor: ~Copyable {
        let raw: Int32

        /// Opens `path`.
        init(path: String, flags: Int32, mode: mode_t = 0) throws {
            guard
                let descriptor = try Self.open(path: path, flags: flags, mode: mode, missingIsNil: false)
            else {
                throw FileSystem.error("Could not open \(path)", ENOENT)
            }
            self = descriptor
        }

        private init(raw: Int32) { self.raw = raw }

        /// Opens `path` if it exists; `nil` if it does not (`ENOENT`).
        static func openIfExists(path: String, flags: Int32) throws -> Descriptor? {
            try open(path: path, flags: flags, mode: 0, missingIsNil: true)
        }

        private static func open(path: String, flags: Int32, mode: mode_t, missingIsNil: Bool) throws
            -> Descriptor?
        {
            while true {
                let fd = systemOpen(path, flags | O_CLOEXEC, mode)
                if fd >= 0 { return Descriptor(raw: fd) }
                let code = errno
                if code == EINTR { continue }
                if code == ENOENT && missingIsNil { return nil }
                throw FileSystem.error("Could not open \(path)", code)
            }
        }

        deinit { _ = systemClose(raw) }

        /// Closes now, reporting a failure (a deferred write error may only show here).
        consuming func close(path: String) throws {
            let fd = raw
            discard self
            if systemClose(fd) != 0 && errno != EINTR {
                throw FileSystem.error("Could not close \(path)", errno)
            }
        }

        /// The file's status.
        func status(path: String) throws -> stat {
            var info = stat()
            guard fstat(raw, &info) == 0 else {
                throw FileSystem.error("Could not inspect \(path)", errno)
            }
            return info
        }

        /// Reads until end of file or until `buffer` is full; returns the number of bytes read.
        func read(into buffer: UnsafeMutableRawBufferPointer, path: String) throws -> Int {
            var count = 0
            while count < buffer.count {
                let result = systemRead(raw, buffer.baseAddress! + count, buffer.count - count)
                if result > 0 {
                    count += result
                } else if result == 0 {
                    break
                } else if errno != EINTR {
                    throw FileSystem.error("Could not read \(path)", errno)
                }
            }
            return count
        }

        /// Writes all of `bytes`.
        func write(_ bytes: UnsafeRawBufferPointer, path: String) throws {
            var offset = 0
            while offset < bytes.count {
                let result = systemWrite(raw, bytes.baseAddress! + offset, bytes.count - offset)
                if result >= 0 {
                    offset += result
                } else if errno != EINTR {
                    throw FileSystem.error("Could not write \(path)", errno)
                }
            }
        }

        /// Flushes the file's data and metadata to the device.
        func sync(path: String) throws {
            while fsync(raw) != 0 {
                if errno != EINTR { throw FileSystem.error("Could not sync \(path)", errno) }
            }
        }

        /// Sets the permission bits exactly, whatever the umask took away at creation.
        func setMode(_ mode: mode_t, path: String) throws {
            guard fchmod(raw, mode) == 0 else {
                throw FileSystem.error("Could not set the mode of \(path)", errno)
            }
        }
    }

    /// Creates `path` and any missing parents with mode 0700, like `mkdir -p -m 0700`.
    ///
    /// Directories that already exist are left as they are; a path that exists but is not a
    /// directory is an error.
    static func createDirectory(_ path: String) throws {
        if mkdir(path, 0o700) == 0 {
            // The umask may have removed bits; the owner keeps exactly rwx.
            guard chmod(path, 0o700) == 0 else { throw error("Could not set the mode of \(path)", errno) }
            return
        }
        switch errno {
        case EEXIST:
            var info = stat()
            guard stat(path, &info) == 0 else { throw error("Could not inspect \(path)", errno) }
            guard info.st_mode & S_IFMT == S_IFDIR else {
                throw KeywardError(.invalidInput, "\(path) exists but is not a directory.")
            }
        case ENOENT:
            guard let parent = parentDirectory(of: path) else {
                throw error("Could not create \(path)", ENOENT)
            }
            try createDirectory(parent)
            guard mkdir(path, 0o700) == 0 || errno == EEXIST else {
                throw error("Could not create \(path)", errno)
            }
            guard chmod(path, 0o700) == 0 else { throw error("Could not set the mode of \(path)", errno) }
        case let code:
            throw error("Could not create \(path)", code)
        }
    }

    /// Flushes a directory's entries (a new link in it) to the device.
    static func syncDirectory(_ path: String) throws {
        let directory = try Descriptor(path: path, flags: O_RDONLY | O_DIRECTORY)
        try directory.sync(path: path)
        try directory.close(path: path)
    }

    /// `path` without its last component, or `nil` for `/` and single-component relative paths.
    static func parentDirectory(of path: String) -> String? {
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return nil }
        if slash == trimmed.startIndex { return trimmed.count > 1 ? "/" : nil }
        return String(trimmed[..<slash])
    }

    /// `directory/name`, without doubling a trailing slash.
    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// An error naming the failed operation and the system's reason for it.
    static func error(_ operation: String, _ code: Int32) -> KeywardError {
        KeywardError(.storage, "\(operation): \(describe(code)).")
    }

    /// The system's text for an `errno` value, with the number.
    static func describe(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return "\(String(cString: text)) (errno \(code))"
    }
}

// The descriptor's methods shadow these C functions inside it; reach them from file scope.
private func systemOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 {
    open(path, flags, mode)
}
private func systemClose(_ fd: Int32) -> Int32 { close(fd) }
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}
private func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, bytes, count)
}
