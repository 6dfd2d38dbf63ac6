import Foundation
import Testing

/// The built `keyward` binary, run as a child process.
///
/// Found through `KEYWARD_BINARY`, else next to the running test bundle (same build directory),
/// else `<package root>/.build/debug/keyward` derived from this file's path.
struct KeywardProcess {
    /// The outcome of one run.
    struct Result {
        var status: Int32
        var output: String
        var error: String

        /// The standard output parsed as JSON.
        func json() throws -> Any {
            try JSONSerialization.jsonObject(with: Data(output.utf8), options: [.fragmentsAllowed])
        }

        /// The standard output parsed as a JSON object.
        func jsonObject() throws -> [String: Any] {
            guard let object = try json() as? [String: Any] else {
                throw KeywardProcessError("standard output is not a JSON object: \(output)")
            }
            return object
        }
    }

    let binary: String
    let dataDirectory: String
    var extraEnvironment: [String: String] = [:]

    /// The binary's path, or a clear failure when it was not built.
    static func locateBinary() throws -> String {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["KEYWARD_BINARY"], !path.isEmpty {
            guard FileManager.default.isExecutableFile(atPath: path) else {
                throw KeywardProcessError("KEYWARD_BINARY=\(path) is not an executable file")
            }
            return path
        }
        var candidates: [String] = []
        // The test bundle lives in the same build products directory as the executable.
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = bundle.deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(directory.appendingPathComponent("keyward").path)
            directory = directory.deletingLastPathComponent()
        }
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        candidates.append(packageRoot.appendingPathComponent(".build/debug/keyward").path)
        if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) {
            return found
        }
        throw KeywardProcessError(
            "The keyward binary was not found; build it with 'swift build --product keyward' or set KEYWARD_BINARY. "
                + "Looked in: \(candidates.joined(separator: ", "))"
        )
    }

    init(dataDirectory: String) throws {
        self.binary = try Self.locateBinary()
        self.dataDirectory = dataDirectory
    }

    /// The child's environment: the test's, minus Keyward's own variables, plus a data directory
    /// and the cheap password cost.
    var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("KEYWARD_") }
        environment["KEYWARD_DATA_DIR"] = dataDirectory
        environment["KEYWARD_PASSWORD_COST"] = "minimal"
        environment["NO_COLOR"] = "1"
        for (key, value) in extraEnvironment { environment[key] = value }
        return environment
    }

    /// Runs `keyward` with arguments and optional standard input, and waits for it.
    ///
    /// Standard output and error go to temporary files outside the data directory (so a full pipe
    /// cannot block the child, and printed secrets never land where the leak scan looks).
    @discardableResult
    func run(_ arguments: [String], input: String? = nil, workingDirectory: String? = nil) throws -> Result {
        let scratch =
            FileManager.default.temporaryDirectory.path + "/keyward-cli-out-" + UUID().uuidString
        let outputPath = scratch + ".out"
        let errorPath = scratch + ".err"
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        defer {
            try? FileManager.default.removeItem(atPath: outputPath)
            try? FileManager.default.removeItem(atPath: errorPath)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.environment = environment
        if let workingDirectory { process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory) }
        let outputHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        let errorHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        process.standardOutput = outputHandle
        process.standardError = errorHandle
        let stdin = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        try process.run()
        if let input {
            try stdin.fileHandleForWriting.write(contentsOf: Data(input.utf8))
            try stdin.fileHandleForWriting.close()
        }
        process.waitUntilExit()
        try outputHandle.close()
        try errorHandle.close()
        return Result(
            status: process.terminationStatus,
            output: try String(contentsOfFile: outputPath, encoding: .utf8),
            error: try String(contentsOfFile: errorPath, encoding: .utf8)
        )
    }

    /// Runs a command that must succeed and returns its result.
    @discardableResult
    func succeed(
        _ arguments: [String],
        input: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Result {
        let result = try run(arguments, input: input)
        #expect(
            result.status == 0,
            "keyward \(arguments.joined(separator: " ")) failed (\(result.status)): \(result.error)",
            sourceLocation: sourceLocation
        )
        return result
    }
}

/// A test harness failure with a message.
struct KeywardProcessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
