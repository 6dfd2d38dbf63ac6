import Foundation
import KeywardCLI
import Testing

/// `keyward admin …` in-process: prompts, confirmations, output.
@Suite struct AdminCommandTests {
    @Test func passwordFromTheTerminalAskedTwice() throws {
        let keyward = try InProcessKeyward()
        let io = TestIO(terminal: ["correct horse battery", "correct horse battery"])
        let output = try keyward.succeed(
            ["admin", "create", "--username", "alice", "--email", "a@example.com"], io: io)
        #expect(io.prompts == ["Password: ", "Repeat password: "])
        #expect(output == "Created admin alice (id 1) in group Full Administrator.\n")
        #expect(!io.output.contains("correct horse"))
    }

    @Test func mismatchedPasswordsCreateNothing() throws {
        let keyward = try InProcessKeyward()
        let (code, io) = keyward.run(
            ["admin", "create", "--username", "alice"],
            io: TestIO(terminal: ["correct horse battery", "correct horse batterx"])
        )
        #expect(code == .failure)
        #expect(io.error == "keyward: The passwords do not match\n")
        #expect(!io.error.contains("horse"))
        #expect((try keyward.json(["admin", "list"])["admins"] as? [Any])?.isEmpty == true)
    }

    @Test func noTerminalAndNoStdinIsAUsageError() throws {
        let keyward = try InProcessKeyward()
        let (code, io) = keyward.run(["admin", "create", "--username", "alice"])
        #expect(code == .usage)
        let lines = io.error.split(separator: "\n")
        #expect(lines.first == "keyward: no terminal to ask for the password; pipe it to '--password-stdin'")
        #expect(
            lines.dropFirst().first?.hasPrefix("Usage: keyward admin create --username <username>")
                == true)
    }

    @Test func cancelledPromptExits130() throws {
        let keyward = try InProcessKeyward()
        let (code, io) = keyward.run(["admin", "create", "--username", "alice"], io: TestIO(terminal: []))
        #expect(code == .cancelled)
        #expect(io.error == "keyward: cancelled\n")
    }

    @Test func passwordStdinFromATerminalAsksWithEchoOff() throws {
        let keyward = try InProcessKeyward()
        let io = TestIO(
            input: ["would be echoed"],
            terminal: ["correct horse battery", "correct horse battery"],
            inputIsTerminal: true
        )
        try keyward.succeed(["admin", "create", "--username", "alice", "--password-stdin"], io: io)
        #expect(io.prompts == ["Password: ", "Repeat password: "])
        #expect(io.inputLines == ["would be echoed"])
    }

    @Test func emptyStandardInputIsRejected() throws {
        let keyward = try InProcessKeyward()
        let (code, io) = keyward.run(["admin", "create", "--username", "alice", "--password-stdin"])
        #expect(code == .failure)
        #expect(io.error == "keyward: No password on standard input\n")
    }

    @Test func weakPasswordIsADomainError() throws {
        let keyward = try InProcessKeyward()
        let (code, io) = keyward.run(
            ["admin", "create", "--username", "alice", "--password-stdin"],
            io: TestIO(input: ["short"])
        )
        #expect(code == .failure)
        #expect(io.error == "keyward: The password must be at least 8 characters\n")
    }

    @Test func createInAGroupByNameOrId() throws {
        let keyward = try InProcessKeyward()
        try keyward.createAdmin("root")
        try keyward.createAdmin("sam", extra: ["--group", "sales operator", "--first-name", "Sam"])
        try keyward.createAdmin("sue", extra: ["--group", "3"])
        let sam = try keyward.json(["admin", "show", "sam"])
        #expect((sam["group"] as? [String: Any])?["name"] as? String == "Sales Operator")
        #expect(sam["credentials"] as? Int == 0)
        #expect(sam["fullName"] as? String == "Sam")
        let sue = try keyward.json(["admin", "show", "sue"])
        #expect((sue["group"] as? [String: Any])?["name"] as? String == "Support Operator")
        let (code, io) = keyward.run(
            ["admin", "create", "--username", "x", "--group", "Nope", "--password-stdin"],
            io: TestIO(input: ["correct horse battery"])
        )
        #expect(code == .failure)
        #expect(io.error == "keyward: Admin role group \"Nope\" not found\n")
    }

    @Test func duplicateUsernameIsAConflict() throws {
        let keyward = try InProcessKeyward()
        try keyward.createAdmin("alice")
        let (code, io) = keyward.run(
            ["admin", "create", "--username", "ALICE", "--password-stdin"],
            io: TestIO(input: ["correct horse battery"])
        )
        #expect(code == .failure)
        #expect(io.error.hasPrefix("keyward: "))
        #expect(!io.error.contains("correct horse"))
    }

    @Test func listAndShow() throws {
        let keyward = try InProcessKeyward()
        try keyward.createAdmin("alice", extra: ["--first-name", "Alice", "--last-name", "Smith"])
        let list = try keyward.succeed(["admin", "list"])
        #expect(list.contains("USERNAME"))
        #expect(list.contains("alice     Alice Smith"))
        #expect(list.contains("Full Administrator  Active"))
        let show = try keyward.succeed(["admin", "show", "1"])
        #expect(show.contains("Username:         alice\n"))
        #expect(show.contains("API credentials:  0\n"))
        #expect(!show.contains("argon2"))
    }

    @Test func updateChangesFieldsAndRequiresOne() throws {
        let keyward = try InProcessKeyward()
        try keyward.createAdmin("alice")
        try keyward.createAdmin("bob")
        #expect(
            try keyward.succeed([
                "admin", "update", "bob", "--email", "bob@example.com", "--group", "Sales Operator",
            ])
                == "Updated admin bob (id 2).\n")
        let bob = try keyward.json(["admin", "show", "bob"])
        #expect(bob["email"] as? String == "bob@example.com")
        #expect(
            try keyward.succeed(["admin", "update", "bob", "--email", "bob@example.com"])
                == "Admin bob already had these values; nothing changed.\n")
        let (code, io) = keyward.run(["admin", "update", "bob"])
        #expect(code == .usage)
        #expect(
            io.error.hasPrefix(
                "keyward: nothing to change; give at least one option\nUsage: keyward admin update <admin>")
        )
    }

    @Test func lastAdministratorIsProtected() throws {
        let keyward = try InProcessKeyward()
        try keyward.createAdmin("alice")
        let (code, io) = keyward.run(["admin", "disable", "alice"])
        #expect(code == .failure)
        #expect(io.error.contains("last enabled admin"))
    }

    @Test func disableAndEnableSayWhatHappensToCredentials() throws {
        let keyward = try InProcessKeyward()
        try keyward.createAdmin("alice")
        try keyward.createAdmin("bob")
        try keyward.succeed(["role", "create", "--name", "R"])
        try keyward.succeed(["credential", "generate", "--admin", "bob"])
        #expect(
            try keyward.succeed(["admin", "disable", "bob"])
                == "Disabled admin bob. Its API credentials (1) no longer authenticate.\n")
        #expect(try keyward.succeed(["admin", "disable", "bob"]) == "Admin bob was already disabled.\n")
        #expect(
            try keyward.succeed(["admin", "enable", "bob"])
                == "Enabled admin bob. Its API credentials (1) authenticate again.\n")
    }

    @Test func setPasswordFromStdin() throws {
        let keyward = try InProcessKeyward()
        try keyward.createAdmin("alice")
        let output = try keyward.succeed(
            ["admin", "set-password", "alice", "--password-stdin"],
            io: TestIO(input: ["another long password"])
        )
        #expect(output == "Changed the password of alice. Its API credentials are not affected.\n")
    }

    @Test func removeAsksOnATerminalAndCountsCredentials() throws {
        let keyward = try InProcessKeyward()
        try keyward.createAdmin("alice")
        try keyward.createAdmin("bob")
        try keyward.succeed(["role", "create", "--name", "R"])
        try keyward.succeed(["credential", "generate", "--admin", "bob"])
        try keyward.succeed(["credential", "generate", "--admin", "bob"])

        let declined = TestIO(terminal: ["n"], inputIsTerminal: true)
        let (code, io) = keyward.run(["admin", "remove", "bob"], io: declined)
        #expect(code == .failure)
        #expect(declined.prompts == ["Remove admin bob and its 2 API credentials? [y/N] "])
        #expect(io.error == "keyward: cancelled; nothing was changed\n")
        #expect(try keyward.json(["admin", "show", "bob"])["credentials"] as? Int == 2)

        let accepted = TestIO(terminal: ["y"], inputIsTerminal: true)
        #expect(
            try keyward.succeed(["admin", "remove", "bob"], io: accepted)
                == "Removed admin bob and 2 API credentials.\n")
        let (missing, missingIO) = keyward.run(["admin", "show", "bob"])
        #expect(missing == .failure)
        #expect(missingIO.error == "keyward: Admin \"bob\" not found\n")
    }

    @Test func removeWithYesOrWithoutTerminalDoesNotAsk() throws {
        let keyward = try InProcessKeyward()
        try keyward.createAdmin("alice")
        try keyward.createAdmin("bob")
        try keyward.createAdmin("carol")
        let terminal = TestIO(terminal: [], inputIsTerminal: true)
        try keyward.succeed(["admin", "remove", "bob", "--yes"], io: terminal)
        #expect(terminal.prompts.isEmpty)
        let script = TestIO(terminal: [], inputIsTerminal: false)
        let removed = try keyward.json(["admin", "remove", "carol"], io: script)
        #expect(script.prompts.isEmpty)
        #expect(removed["credentialsRemoved"] as? Int == 0)
    }
}
