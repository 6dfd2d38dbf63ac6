/// A small structured logger shaped like swift-log's: a label, a minimum level, metadata, and a handler that
/// writes the events somewhere.
///
/// `Logger` is a value: copy it, give the copy more metadata, pass it down. Logging below ``logLevel`` costs
/// one comparison; the message and metadata closures are not evaluated.
///
/// ```swift
/// var logger = Logger(label: "keyward")
/// logger.info("listening", metadata: ["port": "8080"])
/// ```
public struct Logger: Sendable {
    /// The component that logs, for example `access` or `http`.
    public let label: String
    /// The lowest level that is written; events below it are dropped cheaply.
    public var logLevel: Level
    /// Metadata added to every event of this logger; an event's own metadata wins on equal keys.
    public var metadata: [String: String]
    /// Where the events go.
    public var handler: any LogHandler

    /// Creates a logger.
    ///
    /// - Parameters:
    ///   - label: The component that logs.
    ///   - level: The lowest level that is written.
    ///   - handler: Where the events go; standard error by default.
    public init(label: String, level: Level = .info, handler: any LogHandler = StderrLogHandler()) {
        self.label = label
        self.logLevel = level
        self.metadata = [:]
        self.handler = handler
    }

    /// Gets or sets one key of the logger's own metadata.
    public subscript(metadataKey key: String) -> String? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Whether an event at `level` would be written.
    @inlinable
    public func isEnabled(_ level: Level) -> Bool {
        level >= logLevel
    }

    /// Logs an event at `level` if it is enabled.
    ///
    /// - Parameters:
    ///   - level: The severity.
    ///   - message: The message, evaluated only when the level is enabled.
    ///   - metadata: Key-value pairs, evaluated only when the level is enabled. Never put secrets, passwords,
    ///     cookies or authorization headers here.
    @inlinable
    public func log(
        level: Level,
        _ message: @autoclosure () -> String,
        metadata: @autoclosure () -> [String: String] = [:]
    ) {
        guard level >= logLevel else { return }
        write(level: level, message: message(), metadata: metadata())
    }

    /// Builds the event and hands it to the handler.
    @usableFromInline
    func write(level: Level, message: String, metadata eventMetadata: [String: String]) {
        var merged = metadata
        if merged.isEmpty {
            merged = eventMetadata
        } else if !eventMetadata.isEmpty {
            merged.merge(eventMetadata) { _, event in event }
        }
        let event = LogEvent(
            timestamp: LogEvent.now(),
            level: level,
            label: label,
            message: message,
            metadata: merged
        )
        handler.log(event)
    }
}

extension Logger {
    /// Logs very detailed tracing information, usually disabled.
    @inlinable
    public func trace(_ message: @autoclosure () -> String, metadata: @autoclosure () -> [String: String] = [:]) {
        log(level: .trace, message(), metadata: metadata())
    }

    /// Logs information useful when debugging.
    @inlinable
    public func debug(_ message: @autoclosure () -> String, metadata: @autoclosure () -> [String: String] = [:]) {
        log(level: .debug, message(), metadata: metadata())
    }

    /// Logs an ordinary event.
    @inlinable
    public func info(_ message: @autoclosure () -> String, metadata: @autoclosure () -> [String: String] = [:]) {
        log(level: .info, message(), metadata: metadata())
    }

    /// Logs a normal but significant event.
    @inlinable
    public func notice(_ message: @autoclosure () -> String, metadata: @autoclosure () -> [String: String] = [:]) {
        log(level: .notice, message(), metadata: metadata())
    }

    /// Logs a condition that may need attention.
    @inlinable
    public func warning(_ message: @autoclosure () -> String, metadata: @autoclosure () -> [String: String] = [:]) {
        log(level: .warning, message(), metadata: metadata())
    }

    /// Logs a failure of one operation.
    @inlinable
    public func error(_ message: @autoclosure () -> String, metadata: @autoclosure () -> [String: String] = [:]) {
        log(level: .error, message(), metadata: metadata())
    }

    /// Logs a failure that threatens the whole process.
    @inlinable
    public func critical(
        _ message: @autoclosure () -> String,
        metadata: @autoclosure () -> [String: String] = [:]
    ) {
        log(level: .critical, message(), metadata: metadata())
    }
}
