#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Prompts on the controlling terminal (`/dev/tty`), so prompts work while standard input and
/// output are redirected.
///
/// Hidden input turns off echo, canonical mode and signal keys with termios and edits the line
/// itself (Backspace, Ctrl-U). With signal keys off, Ctrl-C arrives as a byte and cancels cleanly:
/// the terminal settings are restored on every path, with no signal handler involved.
enum TerminalPrompt {
    /// Writes `prompt` and reads a line; `nil` when there is no controlling terminal.
    static func ask(_ prompt: String, hidden: Bool) throws -> String? {
        let descriptor = open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var original = termios()
        guard tcgetattr(descriptor, &original) == 0 else { return nil }
        SystemIO.writeAll(prompt, to: descriptor)
        guard hidden else { return try readVisibleLine(descriptor) }

        var raw = original
        raw.c_lflag &= ~tcflag_t(ECHO | ICANON | ISIG)
        withUnsafeMutableBytes(of: &raw.c_cc) { characters in
            characters[Int(VMIN)] = 1
            characters[Int(VTIME)] = 0
        }
        guard tcsetattr(descriptor, TCSAFLUSH, &raw) == 0 else { return nil }
        defer {
            _ = tcsetattr(descriptor, TCSAFLUSH, &original)
            SystemIO.writeAll("\n", to: descriptor)
        }
        return try readHiddenLine(descriptor)
    }

    /// Reads bytes up to Enter, handling editing and cancel keys.
    private static func readHiddenLine(_ descriptor: Int32) throws -> String {
        var bytes: [UInt8] = []
        defer { SystemIO.wipe(&bytes) }
        var byte: UInt8 = 0
        while true {
            let count = read(descriptor, &byte, 1)
            if count < 0, errno == EINTR { continue }
            guard count == 1 else { throw PromptCancelled() }
            switch byte {
            case 0x0A, 0x0D:  // Enter
                return String(decoding: bytes, as: UTF8.self)
            case 0x03:  // Ctrl-C
                throw PromptCancelled()
            case 0x04:  // Ctrl-D: end of input on an empty line
                if bytes.isEmpty { throw PromptCancelled() }
                return String(decoding: bytes, as: UTF8.self)
            case 0x7F, 0x08:  // Backspace: drop the last UTF-8 scalar
                while let last = bytes.popLast(), last & 0xC0 == 0x80 {}
            case 0x15:  // Ctrl-U: clear the line
                SystemIO.wipe(&bytes)
                bytes.removeAll()
            default:
                bytes.append(byte)
            }
        }
    }

    /// Reads a line in the terminal's own (canonical, echoing) mode.
    private static func readVisibleLine(_ descriptor: Int32) throws -> String {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let count = read(descriptor, &byte, 1)
            if count < 0, errno == EINTR { continue }
            guard count == 1 else { throw PromptCancelled() }
            if byte == 0x0A { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
    }
}
