import Foundation
import KeywardCLI
import Testing

/// `keyward settings|allowlist|access-key|audit` in-process.
@Suite struct SettingsCommandTests {
    @Test func settingsShowAndSet() throws {
        let keyward = try InProcessKeyward()
        var settings = try keyward.json(["settings", "show"])
        #expect(settings["legacyLogin"] as? Bool == true)
        #expect(settings["accessKeySet"] as? Bool == false)
        #expect(
            try keyward.succeed([
                "settings", "set", "--legacy-login", "off", "--api-ban-threshold", "5", "--ban-exemption",
                "10.0.0.0/8,192.0.2.1", "--rate-limit", "10",
            ]) == "Updated the API security settings.\n"
        )
        settings = try keyward.json(["settings", "show"])
        #expect(settings["legacyLogin"] as? Bool == false)
        #expect(settings["apiBanThreshold"] as? Int == 5)
        #expect(settings["banExemptions"] as? [String] == ["10.0.0.0/8", "192.0.2.1/32"])
        #expect(settings["rateLimitPerSecond"] as? Int == 10)
        try keyward.succeed(["settings", "set", "--no-ban-exemptions"])
        #expect(try keyward.json(["settings", "show"])["banExemptions"] as? [String] == [])
        let human = try keyward.succeed(["settings", "show"])
        #expect(human.contains("Legacy API logins:      Off\n"))
        #expect(human.contains("API access key:         Not set\n"))

        #expect(keyward.run(["settings", "set"]).code == .usage)
        #expect(keyward.run(["settings", "set", "--legacy-login", "maybe"]).code == .usage)
        #expect(keyward.run(["settings", "set", "--ban-seconds", "0"]).code == .usage)
        let (badCIDR, badCIDRIO) = keyward.run(["settings", "set", "--ban-exemption", "not-an-ip"])
        #expect(badCIDR == .failure)
        #expect(badCIDRIO.error == "keyward: \"not-an-ip\" is not an IP address or CIDR range\n")
    }

    @Test func allowlist() throws {
        let keyward = try InProcessKeyward()
        let list = try keyward.succeed(["allowlist", "list"])
        #expect(list.contains("127.0.0.1/32  Local machine"))
        #expect(
            try keyward.succeed(["allowlist", "add", "192.0.2.0/24", "--note", "office"])
                == "Added 192.0.2.0/24 to the API IP allowlist (id 3).\n")
        #expect(
            try keyward.succeed(["allowlist", "remove", "192.0.2.0/24"])
                == "Removed 192.0.2.0/24 from the API IP allowlist.\n")
        #expect(
            try keyward.succeed(["allowlist", "remove", "127.0.0.1"])
                == "Removed 127.0.0.1/32 from the API IP allowlist.\n")
        let remaining = try keyward.json(["allowlist", "list"])["entries"] as? [[String: Any]]
        #expect(remaining?.map { $0["network"] as? String } == ["::1/128"])
        #expect(
            try keyward.succeed(["allowlist", "remove", "2", "--yes"])
                == "Removed ::1/128 from the API IP allowlist.\n")
        #expect(
            try keyward.succeed(["allowlist", "list"])
                == "The API IP allowlist is empty: no address may call the API.\n")
        let (bad, badIO) = keyward.run(["allowlist", "add", "300.1.1.1"])
        #expect(bad == .failure)
        #expect(badIO.error == "keyward: \"300.1.1.1\" is not an IP address or CIDR range\n")
        #expect(keyward.run(["allowlist", "remove", "9"]).code == .failure)
    }

    @Test func accessKeyIsReadNeverFromArgvAndNeverShown() throws {
        let keyward = try InProcessKeyward()
        let key = "an access key of some length"
        #expect(
            try keyward.succeed(["access-key", "set", "--stdin"], io: TestIO(input: [key]))
                == "Set the API access key. Callers that send it bypass the API IP allowlist.\n")
        #expect(try keyward.json(["settings", "show"])["accessKeySet"] as? Bool == true)
        let terminal = TestIO(terminal: ["another access key", "another access key"])
        try keyward.succeed(["access-key", "set"], io: terminal)
        #expect(terminal.prompts == ["Access key: ", "Repeat access key: "])
        let (short, shortIO) = keyward.run(["access-key", "set", "--stdin"], io: TestIO(input: ["short"]))
        #expect(short == .failure)
        #expect(shortIO.error == "keyward: The access key must be 8 to 255 characters\n")
        #expect(keyward.run(["access-key", "set", "an-access-key-in-argv"]).code == .usage)
        let audit = try keyward.succeed(["audit"]) + (try keyward.succeed(["audit", "--json"]))
        #expect(!audit.contains(key))
        #expect(!audit.contains("another access key"))
        try keyward.succeed(["access-key", "remove"])
        #expect(try keyward.json(["settings", "show"])["accessKeySet"] as? Bool == false)
    }

    @Test func auditNewestFirstWithSearchAndLimit() throws {
        let keyward = try InProcessKeyward()
        try keyward.createAdmin("alice")
        try keyward.succeed(["role", "create", "--name", "R"])
        let json = try keyward.json(["audit"])
        let events = try #require(json["events"] as? [[String: Any]])
        #expect(
            events.map { $0["event"] as? String } == [
                "role.created", "admin.created", "settings.defaults_written",
            ])
        #expect((events.first?["actor"] as? [String: Any])?["kind"] as? String == "cli")
        let searched = try keyward.json(["audit", "--search", "admin.created"])
        #expect((searched["events"] as? [Any])?.count == 1)
        let human = try keyward.succeed(["audit", "--limit", "1"])
        #expect(human.contains("role.created"))
        #expect(!human.contains("admin.created"))
        #expect(human.hasSuffix("Showing 1 of 3 matching events. Next page: --offset 1.\n"))
    }

    @Test func colourOnlyOnATerminalWithoutNO_COLOR() throws {
        let keyward = try InProcessKeyward()
        let terminal = try keyward.succeed(["group", "list"], io: TestIO(outputIsTerminal: true))
        #expect(terminal.hasPrefix("\u{1B}[1mID"))
        let piped = try keyward.succeed(["group", "list"], io: TestIO(outputIsTerminal: false))
        #expect(!piped.contains("\u{1B}"))
        keyward.environment["NO_COLOR"] = "1"
        let noColour = try keyward.succeed(["group", "list"], io: TestIO(outputIsTerminal: true))
        #expect(!noColour.contains("\u{1B}"))
    }
}
