import Foundation
import Testing

/// The built `keyward` binary end to end: real processes, real exit codes, real streams.
@Suite struct BinaryLifecycleTests {
    @Test func credentialLifecycle() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let keyward = try KeywardProcess(dataDirectory: directory.path)

        // An admin, with the password on standard input.
        let created = try keyward.succeed(
            [
                "admin", "create", "--username", "alice", "--first-name", "Alice", "--last-name", "Smith",
                "--password-stdin",
            ],
            input: "correct horse battery\n"
        )
        #expect(created.output == "Created admin alice (id 1) in group Full Administrator.\n")
        #expect(created.error.isEmpty)
        let admins = try keyward.succeed(["admin", "list"])
        #expect(admins.output.contains("alice"))
        #expect(admins.output.contains("Alice Smith"))
        let adminsJSON = try keyward.succeed(["admin", "list", "--json"]).jsonObject()
        #expect((adminsJSON["admins"] as? [[String: Any]])?.first?["username"] as? String == "alice")

        // A role.
        let role = try keyward.succeed([
            "role", "create", "--name", "Reader", "--allow", "GetAdminDetails",
        ])
        #expect(role.output == "Created role Reader (id 1) allowing 1 action.\n")

        // Generate: identifier, secret and the warning, once.
        let generated = try keyward.succeed(
            ["credential", "generate", "--admin", "alice", "--role", "Reader", "--description", "CI"]
        )
        let lines = generated.output.split(separator: "\n").map(String.init)
        let identifier = try #require(
            lines.first { $0.hasPrefix("Identifier:") }?.split(separator: " ").last.map(String.init))
        let secret = try #require(lines.first { $0.hasPrefix("Secret:") }?.split(separator: " ").last.map(String.init))
        #expect(identifier.hasPrefix("kwid_"))
        #expect(secret.hasPrefix("kwsk_"))
        #expect(generated.output.contains("it cannot be shown again"))
        #expect(
            generated.output.components(separatedBy: secret).count == 2,
            "the secret is printed exactly once")
        #expect(!generated.error.contains(secret))

        // list and show never show the secret (nor its MD5).
        let md5 = TestMD5.hex(secret)
        for arguments in [
            ["credential", "list"], ["credential", "list", "--json"], ["credential", "show", identifier],
            ["credential", "show", identifier, "--json"], ["audit"], ["audit", "--json"],
        ] {
            let result = try keyward.succeed(arguments)
            #expect(!result.output.contains(secret), "\(arguments) printed the secret")
            #expect(!result.output.lowercased().contains(md5), "\(arguments) printed the secret's MD5")
            #expect(!result.error.contains(secret))
        }
        let list = try keyward.succeed(["credential", "list"]).output
        #expect(list.contains(identifier))
        #expect(list.contains("Alice Smith (alice)"))
        #expect(list.contains("Reader"))
        #expect(list.contains("Never"))
        let shown = try keyward.succeed(["credential", "show", identifier, "--json"]).jsonObject()
        #expect(shown["identifier"] as? String == identifier)
        #expect(shown["description"] as? String == "CI")
        #expect(
            !shown.keys.contains {
                $0.lowercased().contains("secret") || $0.lowercased().contains("hash")
            })

        // describe, set-roles.
        #expect(
            try keyward.succeed(["credential", "describe", identifier, "--description", "Nightly"]).output
                == "Description of \(identifier) set to: Nightly\n")
        try keyward.succeed(["role", "create", "--name", "Writer", "--allow", "GenerateApiCredential"])
        #expect(
            try keyward.succeed(["credential", "set-roles", identifier, "--role", "Reader,Writer"]).output
                == "Roles of \(identifier): Reader, Writer.\n")
        let updated = try keyward.succeed(["credential", "show", identifier, "--json"]).jsonObject()
        #expect(updated["roles"] as? [String] == ["Reader", "Writer"])
        #expect(updated["description"] as? String == "Nightly")

        // Missing things: exit 1 and a clear message on standard error.
        for (arguments, message) in [
            (["credential", "generate", "--admin", "nobody"], "keyward: Admin \"nobody\" not found\n"),
            (
                ["credential", "generate", "--admin", "alice", "--role", "Nope"],
                "keyward: API role \"Nope\" not found\n"
            ),
            (
                ["credential", "show", "kwid_missing"],
                "keyward: API credential \"kwid_missing\" not found\n"
            ),
            (["role", "show", "Nope"], "keyward: API role \"Nope\" not found\n"),
        ] {
            let result = try keyward.run(arguments)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.error == message)
            #expect(result.output.isEmpty)
        }

        // remove.
        #expect(
            try keyward.succeed(["credential", "remove", identifier]).output
                == "Removed API credential \(identifier).\n")
        let afterRemove = try keyward.run(["credential", "show", identifier])
        #expect(afterRemove.status == 1)
        #expect(try keyward.succeed(["credential", "list", "--json"]).jsonObject()["total"] as? Int == 0)
    }

    @Test func usageErrorsExit64WithOneLineAndTheUsage() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let keyward = try KeywardProcess(dataDirectory: directory.path)
        let result = try keyward.run([
            "credential", "generate", "--admin", "alice", "--dscription", "x",
        ])
        #expect(result.status == 64)
        #expect(result.output.isEmpty)
        let lines = result.error.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "keyward: unknown option '--dscription'; did you mean '--description'?")
        #expect(
            lines[1]
                == "Usage: keyward credential generate --admin <admin> [--description <text>] [--role <role> ...]"
        )
        #expect(lines[2] == "  See 'keyward credential generate --help' for more information.")
        // Nothing was created: a usage error never reaches the database.
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/keyward.sqlite"))

        let unknown = try keyward.run(["credentail", "list"])
        #expect(unknown.status == 64)
        #expect(
            unknown.error.hasPrefix(
                "keyward: unknown command 'credentail'; did you mean 'credential'?\nUsage: keyward <subcommand>\n"
            ))

        let missing = try keyward.run(["admin", "show"])
        #expect(missing.status == 64)
        #expect(missing.error.hasPrefix("keyward: missing argument '<admin>'\n"))

        let passwordInArgv = try keyward.run([
            "admin", "create", "--username", "a", "--password", "hunter22",
        ])
        #expect(passwordInArgv.status == 64)
        #expect(
            passwordInArgv.error.hasPrefix("keyward: unknown option '--password'; did you mean '--password-stdin'?"))
        #expect(!passwordInArgv.error.contains("hunter22"))
    }

    @Test func jsonOutputsParse() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let keyward = try KeywardProcess(dataDirectory: directory.path)
        try keyward.succeed(
            ["admin", "create", "--username", "alice", "--password-stdin", "--json"],
            input: "correct horse battery\n")
        try keyward.succeed(["role", "create", "--name", "R", "--json"])
        let generated = try keyward.succeed(["credential", "generate", "--admin", "alice", "--json"])
            .jsonObject()
        let identifier = try #require(generated["identifier"] as? String)
        for arguments in [
            ["admin", "list"], ["admin", "show", "alice"], ["group", "list"], ["group", "show", "1"],
            ["group", "permissions"], ["role", "list"], ["role", "show", "R"], ["credential", "list"],
            ["credential", "show", identifier], ["actions"], ["audit"], ["settings", "show"],
            ["allowlist", "list"],
        ] {
            let result = try keyward.succeed(arguments + ["--json"])
            #expect(throws: Never.self, "\(arguments) --json") { try result.jsonObject() }
        }
        // Global options also work before the subcommand.
        #expect(try keyward.succeed(["--json", "admin", "list"]).jsonObject()["admins"] != nil)
    }

    @Test func defaultDataDirectoryIsRelativeToTheWorkingDirectory() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        // An empty KEYWARD_DATA_DIR counts as unset.
        let keyward = try KeywardProcess(dataDirectory: "")
        let result = try keyward.run(["role", "list"], workingDirectory: directory.path)
        #expect(result.status == 0, "\(result.error)")
        #expect(FileManager.default.fileExists(atPath: directory.path + "/keyward-data/keyward.sqlite"))
        #expect(FileManager.default.fileExists(atPath: directory.path + "/keyward-data/secret.key"))
    }
}
