/// The command line does not match what the command declares: an unknown option, a missing value,
/// a bad number. Reported as `keyward: <message>` plus the command's usage line, with exit code 64.
public struct UsageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The reason, as one line without a trailing period.
    public var message: String

    /// Creates a usage error.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
