#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The real standard streams (file descriptors 0, 1 and 2) and `/dev/tty`.
///
/// Output is written unbuffered, whole strings at a time, so nothing is lost when the process
/// exits right after.
public final class SystemIO: CommandIO {
    /// Creates the process's IO.
    public init() {}

    /// Writes to standard output.
    public func writeOutput(_ text: String) { Self.writeAll(text, to: STDOUT_FILENO) }

    /// Writes to standard error.
    public func writeError(_ text: String) { Self.writeAll(text, to: STDERR_FILENO) }

    /// Reads one line from standard input a byte at a time, so nothing after the line is consumed.
    public func readInputLine() -> String? {
        var bytes: [UInt8] = []
        defer { Self.wipe(&bytes) }
        var byte: UInt8 = 0
        var sawAny = false
        while true {
            let count = read(STDIN_FILENO, &byte, 1)
            if count < 0, errno == EINTR { continue }
            guard count == 1 else { break }
            sawAny = true
            if byte == UInt8(ascii: "\n") { break }
            bytes.append(byte)
        }
        guard sawAny else { return nil }
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether standard input is a terminal.
    public var isInputTerminal: Bool { isatty(STDIN_FILENO) == 1 }

    /// Whether standard output is a terminal.
    public var isOutputTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    /// Reads a line from `/dev/tty` with echo off.
    public func readSecret(prompt: String) throws -> String? {
        try TerminalPrompt.ask(prompt, hidden: true)
    }

    /// Reads a line from `/dev/tty` with echo on.
    public func readAnswer(prompt: String) throws -> String? {
        try TerminalPrompt.ask(prompt, hidden: false)
    }

    /// Writes every byte, retrying after interrupts and short writes. A closed pipe ends the
    /// process through SIGPIPE, as for any Unix tool.
    static func writeAll(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { buffer in
            guard var base = buffer.baseAddress else { return }
            var remaining = buffer.count
            while remaining > 0 {
                let written = write(descriptor, base, remaining)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                base += written
                remaining -= written
            }
        }
    }

    /// Overwrites a buffer that held typed text (best effort: Swift strings made from it are out of
    /// reach).
    static func wipe(_ bytes: inout [UInt8]) {
        for index in bytes.indices { bytes[index] = 0 }
    }
}
