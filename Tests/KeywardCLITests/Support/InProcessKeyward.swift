import Foundation
import KeywardCLI

/// Runs `keyward` commands in this process against a fresh data directory.
final class InProcessKeyward {
    let directory: TemporaryDirectory
    var environment: [String: String]

    init() throws {
        directory = try TemporaryDirectory()
        environment = ["KEYWARD_DATA_DIR": directory.path, "KEYWARD_PASSWORD_COST": "minimal"]
    }

    deinit { directory.remove() }

    /// Runs a command line and returns its exit code and captured streams.
    @discardableResult
    func run(_ arguments: [String], io: TestIO = TestIO()) -> (code: ExitCode, io: TestIO) {
        let code = KeywardTool.run(arguments: arguments, environment: environment, io: io)
        return (code, io)
    }

    /// Runs a command line that must succeed and returns its standard output.
    @discardableResult
    func succeed(_ arguments: [String], io: TestIO = TestIO()) throws -> String {
        let (code, io) = run(arguments, io: io)
        guard code == .success else {
            throw KeywardProcessError("keyward \(arguments.joined(separator: " ")) exited \(code): \(io.error)")
        }
        return io.output
    }

    /// Runs a `--json` command line that must succeed and returns its output as a JSON object.
    func json(_ arguments: [String], io: TestIO = TestIO()) throws -> [String: Any] {
        let output = try succeed(arguments + ["--json"], io: io)
        guard let object = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
        else {
            throw KeywardProcessError("not a JSON object: \(output)")
        }
        return object
    }

    /// Creates an admin with a piped password.
    func createAdmin(_ username: String, extra: [String] = []) throws {
        try succeed(
            ["admin", "create", "--username", username, "--password-stdin"] + extra,
            io: TestIO(input: ["correct horse battery"])
        )
    }
}
