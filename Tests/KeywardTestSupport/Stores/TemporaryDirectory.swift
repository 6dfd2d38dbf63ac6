import FoundationEssentials

/// A new, empty directory under the system's temporary directory, removed with everything in it
/// by ``remove()`` or when the value is released.
public final class TemporaryDirectory: Sendable {
    /// The directory's absolute path.
    public let path: String

    /// Creates the directory (mode 0700).
    public init(prefix: String = "keyward-test") throws {
        let base = FileManager.default.temporaryDirectory.path
        let path = "\(base)/\(prefix)-\(UUID().uuidString.lowercased())"
        try FileManager.default.createDirectory(
            atPath: path,
            withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700]
        )
        self.path = path
    }

    deinit {
        remove()
    }

    /// The path of `name` inside the directory.
    public func path(_ name: String) -> String { "\(path)/\(name)" }

    /// Deletes the directory and its contents; idempotent.
    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
