import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes each event as one line (``LogEvent/formattedLine``) to standard error, or another file descriptor.
///
/// Each line goes out in one `write(2)` call, serialised by a process-wide lock so that lines from concurrent
/// threads never interleave, even on pipes where writes longer than `PIPE_BUF` are not atomic.
public struct StderrLogHandler: LogHandler {
    /// The descriptor written to; 2 (standard error) by default.
    public let fileDescriptor: Int32

    /// Creates a handler that writes to `fileDescriptor`.
    public init(fileDescriptor: Int32 = 2) {
        self.fileDescriptor = fileDescriptor
    }

    /// Formats the event and writes it with a line break.
    public func log(_ event: LogEvent) {
        let line = event.lineBytes
        line.withUnsafeBytes { bytes in
            StderrLogHandler.writeLock.withLock { _ in
                StderrLogHandler.writeFully(fileDescriptor, bytes)
            }
        }
    }

    /// Serialises writes from every handler in the process.
    private static let writeLock = Mutex<Void>(())

    /// Writes all of `bytes`, retrying after interruptions and short writes; drops the rest on any other error
    /// (a logger has nowhere to report its own failure).
    private static func writeFully(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) {
        guard var pointer = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let written = write(descriptor, pointer, remaining)
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            pointer += written
            remaining -= written
        }
    }
}
