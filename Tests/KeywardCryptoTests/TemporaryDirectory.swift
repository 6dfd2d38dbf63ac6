#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs `body` with a fresh directory under `/tmp`, removed with everything in it afterwards.
func withTemporaryDirectory<Result>(_ body: (String) throws -> Result) throws -> Result {
    var template = Array("/tmp/keyward-crypto-tests.XXXXXX".utf8CString)
    guard let created = mkdtemp(&template) else { throw TemporaryDirectoryError(errno: errno) }
    let path = String(cString: created)
    defer { removeRecursively(path) }
    return try body(path)
}

/// `mkdtemp` failed.
struct TemporaryDirectoryError: Error {
    let errno: Int32
}

/// Removes `path` and, if it is a directory, everything below it (like `rm -rf`).
func removeRecursively(_ path: String) {
    var info = stat()
    guard lstat(path, &info) == 0 else { return }
    if info.st_mode & S_IFMT == S_IFDIR {
        // Tests may have taken permissions away; restore them so the entries can be listed.
        _ = chmod(path, 0o700)
        for name in entries(of: path) { removeRecursively(path + "/" + name) }
        _ = rmdir(path)
    } else {
        _ = unlink(path)
    }
}

/// The permission bits of `path`, or `nil` if it cannot be inspected.
func permissions(of path: String) -> mode_t? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return info.st_mode & 0o777
}

/// Writes `contents` to `path` with `mode`, replacing any file there.
func writeFile(_ path: String, _ contents: String, mode: mode_t) {
    _ = unlink(path)
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, mode)
    precondition(fd >= 0, "could not create \(path)")
    let bytes = Array(contents.utf8)
    let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    precondition(written == bytes.count, "could not write \(path)")
    _ = fchmod(fd, mode)
    close(fd)
}

/// The contents of a small file, or `nil` if it cannot be read.
func readFile(_ path: String) -> String? {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var buffer = [UInt8](repeating: 0, count: 4096)
    let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
    guard count >= 0 else { return nil }
    return String(decoding: buffer[..<count], as: UTF8.self)
}

/// The names in a directory, without `.` and `..`, sorted.
func entries(of path: String) -> [String] {
    guard let directory = opendir(path) else { return [] }
    defer { closedir(directory) }
    var names: [String] = []
    while let entry = readdir(directory) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
            String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        }
        if name != "." && name != ".." { names.append(name) }
    }
    return names.sorted()
}
