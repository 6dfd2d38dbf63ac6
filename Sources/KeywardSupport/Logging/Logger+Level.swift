extension Logger {
    /// The severity of an event, from the most verbose to the most severe.
    public enum Level: Int, Sendable, Hashable, Comparable, CaseIterable {
        /// Very detailed tracing.
        case trace
        /// Debugging information.
        case debug
        /// Ordinary events.
        case info
        /// Normal but significant events.
        case notice
        /// Conditions that may need attention.
        case warning
        /// Failures of one operation.
        case error
        /// Failures that threaten the whole process.
        case critical

        /// Orders levels by severity.
        public static func < (lhs: Level, rhs: Level) -> Bool {
            lhs.rawValue < rhs.rawValue
        }
    }
}

extension Logger.Level: LosslessStringConvertible {
    /// Parses a level name as written in configuration: `trace`, `debug`, `info`, `notice`, `warning`, `error`
    /// or `critical`, in any letter case.
    public init?(_ description: String) {
        let name = description.lowercased()
        guard let level = Logger.Level.allCases.first(where: { $0.description == name }) else { return nil }
        self = level
    }

    /// The lower-case name of the level, as written in log lines.
    public var description: String {
        switch self {
        case .trace: "trace"
        case .debug: "debug"
        case .info: "info"
        case .notice: "notice"
        case .warning: "warning"
        case .error: "error"
        case .critical: "critical"
        }
    }
}
