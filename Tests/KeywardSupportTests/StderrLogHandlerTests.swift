import Glibc
import KeywardSupport
import Testing

@Suite("StderrLogHandler")
struct StderrLogHandlerTests {
    @Test("Writes one complete line per event, even from many threads")
    func linesThroughPipe() async throws {
        var descriptors: [Int32] = [0, 0]
        #expect(pipe(&descriptors) == 0)
        let readEnd = descriptors[0]
        let writer = descriptors[1]
        defer { close(readEnd) }
        let logger = Logger(label: "pipe", handler: StderrLogHandler(fileDescriptor: writer))
        let payload = String(repeating: "x", count: 6000)
        let reader = Task.detached { () -> [UInt8] in
            var collected: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
                if count <= 0 { break }
                collected.append(contentsOf: buffer[0..<count])
            }
            return collected
        }
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<4 {
                group.addTask {
                    for index in 0..<25 { logger.info("t\(task) i\(index) \(payload)", metadata: ["k": "v"]) }
                }
            }
        }
        close(writer)
        let output = String(decoding: await reader.value, as: UTF8.self)
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 100)
        for line in lines {
            #expect(line.hasSuffix("\(payload) k=v"))
            #expect(line.contains(" info pipe: t"))
        }
    }
}
