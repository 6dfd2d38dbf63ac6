import Foundation
import KeywardCLI
import KeywardCore
import Testing

/// After `credential generate`, neither the secret nor its hex MD5 (nor the admin's password) is
/// anywhere under the data directory: not in the database, not in its WAL, not in the key file.
@Suite struct SecretLeakTests {
    /// The needles found in a file, by name.
    static func leaks(in directory: TemporaryDirectory, needles: [String: String]) throws -> [String] {
        var found: [String] = []
        let files = directory.files()
        #expect(files.contains { $0.hasSuffix("keyward.sqlite") })
        for file in files {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
            for (name, needle) in needles where bytes.range(of: Data(needle.utf8)) != nil {
                found.append("\(name) in \((file as NSString).lastPathComponent)")
            }
        }
        return found
    }

    @Test func secretNeverReachesTheDisk() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let keyward = try KeywardProcess(dataDirectory: directory.path)
        let password = "correct horse battery staple"
        try keyward.succeed(["admin", "create", "--username", "alice", "--password-stdin"], input: password + "\n")
        try keyward.succeed(["role", "create", "--name", "Reader", "--allow", "GetAdminDetails"])

        // Hold the database open in this process, so SQLite keeps the WAL the child writes
        // instead of checkpointing and deleting it when the child exits.
        let configuration = try KeywardEnvironment.Configuration.resolve(
            dataDirectory: directory.path,
            database: nil,
            environment: ["KEYWARD_PASSWORD_COST": "minimal"]
        )
        let held = try KeywardEnvironment.open(configuration)
        let generated = try keyward.succeed([
            "credential", "generate", "--admin", "alice", "--role", "Reader", "--json",
        ])
        .jsonObject()
        let identifier = try #require(generated["identifier"] as? String)
        let secret = try #require(generated["secret"] as? String)
        let md5 = TestMD5.hex(secret)
        let needles = [
            "secret": secret, "secret MD5": md5, "secret MD5 (upper case)": md5.uppercased(),
            "password": password, "password MD5": TestMD5.hex(password),
        ]

        // While another process holds the database open, a second child reads it too.
        try keyward.succeed(["credential", "list"])
        let files = directory.files().map { ($0 as NSString).lastPathComponent }
        #expect(
            files.contains("keyward.sqlite-wal"),
            "the WAL should still exist while the database is held: \(files)")
        // The scan does see what was written: the (public) identifier is there.
        #expect(try Self.leaks(in: directory, needles: ["identifier": identifier]) != [])
        #expect(try Self.leaks(in: directory, needles: needles) == [])

        // The in-process view agrees: the credential authenticates with the secret.
        let index = try held.makeAuthIndex()
        #expect(
            index.check(identifier: identifier, presented: .secret(Substring(secret)), action: nil)
                .principal != nil)
        held.close()

        // After every process has exited (the last one checkpoints the WAL into the database).
        try keyward.succeed(["credential", "show", identifier])
        #expect(try Self.leaks(in: directory, needles: needles) == [])
    }
}
