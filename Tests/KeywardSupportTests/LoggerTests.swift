import KeywardSupport
import Testing

@Suite("Logger")
struct LoggerTests {
    @Test("Lines carry time, level, label, message and sorted metadata")
    func lineFormat() {
        let event = LogEvent(
            timestamp: .seconds(1_714_564_800) + .milliseconds(123),
            level: .info,
            label: "access",
            message: "request done",
            metadata: ["route": "/includes/api.php", "bytes": "214", "user": "a b", "empty": ""]
        )
        #expect(
            event.formattedLine
                == #"2024-05-01T12:00:00.123Z info access: request done bytes=214 empty="" route=/includes/api.php user="a b""#
        )
    }

    @Test("Control characters and quotes cannot break the line")
    func escaping() {
        let event = LogEvent(
            timestamp: .zero,
            level: .warning,
            label: "http",
            message: "line1\nline2\u{1B}",
            metadata: ["x=y k": "say \"hi\"\\\n", "plain": "a=b"]
        )
        #expect(
            event.formattedLine
                == #"1970-01-01T00:00:00.000Z warning http: line1\nline2\u{1B} plain="a=b" x_y_k="say \"hi\"\\\n""#
        )
        #expect(!event.formattedLine.contains("\n"))
    }

    @Test(
        "Calendar conversion",
        arguments: [
            (Int64(0), "1970-01-01T00:00:00.000Z"),
            (Int64(951_782_400), "2000-02-29T00:00:00.000Z"),
            (Int64(4_107_542_399), "2100-02-28T23:59:59.000Z"),
            (Int64(-1), "1969-12-31T23:59:59.000Z"),
            (Int64(1_709_251_199), "2024-02-29T23:59:59.000Z"),
        ])
    func calendar(seconds: Int64, expected: String) {
        let event = LogEvent(timestamp: .seconds(seconds), level: .info, label: "t", message: "m")
        #expect(event.formattedLine == "\(expected) info t: m")
    }

    @Test("Disabled levels do not evaluate the message")
    func disabledLevels() {
        let handler = InMemoryLogHandler()
        let logger = Logger(label: "test", level: .warning, handler: handler)
        var evaluated = false
        func expensive() -> String {
            evaluated = true
            return "expensive"
        }
        logger.info(expensive())
        logger.debug(expensive(), metadata: ["a": expensive()])
        #expect(!evaluated)
        #expect(handler.events.isEmpty)
        logger.error("boom")
        logger.critical("worse")
        #expect(handler.events.map(\.message) == ["boom", "worse"])
        #expect(handler.events.map(\.level) == [.error, .critical])
        #expect(logger.isEnabled(.warning))
        #expect(!logger.isEnabled(.notice))
    }

    @Test("Logger metadata merges with event metadata; the event wins")
    func metadataMerge() {
        let handler = InMemoryLogHandler()
        var logger = Logger(label: "test", level: .trace, handler: handler)
        logger[metadataKey: "node"] = "a"
        logger[metadataKey: "shared"] = "logger"
        logger.trace("hello", metadata: ["shared": "event", "extra": "1"])
        #expect(handler.events.first?.metadata == ["node": "a", "shared": "event", "extra": "1"])
        #expect(logger[metadataKey: "node"] == "a")
        handler.removeAll()
        #expect(handler.lines.isEmpty)
    }

    @Test("The in-memory handler is safe under concurrency")
    func concurrency() async {
        let handler = InMemoryLogHandler()
        let logger = Logger(label: "test", handler: handler)
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    for index in 0..<250 { logger.info("event \(task)-\(index)") }
                }
            }
        }
        #expect(handler.events.count == 2000)
    }

    @Test("Level names parse and print", arguments: Logger.Level.allCases)
    func levelNames(level: Logger.Level) {
        #expect(Logger.Level(level.description) == level)
        #expect(Logger.Level(level.description.uppercased()) == level)
    }

    @Test("Unknown level names are rejected")
    func unknownLevel() {
        #expect(Logger.Level("verbose") == nil)
        #expect(Logger.Level.trace < Logger.Level.critical)
    }
}
