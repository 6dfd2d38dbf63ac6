/// The process exit codes of `keyward`, after BSD `sysexits.h` where one fits.
public struct ExitCode: Hashable, Sendable, CustomStringConvertible {
    /// The numeric status.
    public let rawValue: Int32

    /// Creates an exit code.
    public init(_ rawValue: Int32) { self.rawValue = rawValue }

    /// Success.
    public static let success = ExitCode(0)
    /// A domain error: not found, conflict, invalid input, forbidden.
    public static let failure = ExitCode(1)
    /// `EX_USAGE`: the command line is wrong.
    public static let usage = ExitCode(64)
    /// `EX_UNAVAILABLE`: the database cannot be reached or failed.
    public static let unavailable = ExitCode(69)
    /// `EX_SOFTWARE`: an internal error (a bug).
    public static let `internal` = ExitCode(70)
    /// The operator cancelled a prompt (Ctrl-C), as a shell reports SIGINT.
    public static let cancelled = ExitCode(130)

    /// The number.
    public var description: String { String(rawValue) }
}
