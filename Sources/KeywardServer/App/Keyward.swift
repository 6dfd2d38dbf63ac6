/// Facts about this build.
public enum Keyward {
    /// Keyward's version, reported by `WhmcsDetails` and `--version`.
    public static let version = "0.1.0"
}
