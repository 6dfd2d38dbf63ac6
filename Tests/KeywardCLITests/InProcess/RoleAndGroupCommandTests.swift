import Foundation
import KeywardCLI
import Testing

/// `keyward role …`, `keyward group …` and `keyward actions` in-process.
@Suite struct RoleAndGroupCommandTests {
    @Test func roleCreateShowAndList() throws {
        let keyward = try InProcessKeyward()
        #expect(
            try keyward.succeed([
                "role", "create", "--name", "Reader", "--allow", "getadmindetails,WhmcsDetails",
            ])
                == "Created role Reader (id 1) allowing 2 actions.\n"
        )
        let role = try keyward.json(["role", "show", "reader"])
        #expect(role["actions"] as? [String] == ["GetAdminDetails", "WhmcsDetails"])
        #expect(role["description"] as? String == "")
        let show = try keyward.succeed(["role", "show", "1"])
        #expect(show.contains("Description:  None provided\n"))
        #expect(show.contains("Actions:      GetAdminDetails\n              WhmcsDetails\n"))
        let list = try keyward.succeed(["role", "list"])
        #expect(list.contains("1   Reader  2        None provided"))
    }

    @Test func unknownActionSuggestsTheClosest() throws {
        let keyward = try InProcessKeyward()
        let (code, io) = keyward.run(["role", "create", "--name", "R", "--allow", "GetAdminDetials"])
        #expect(code == .failure)
        #expect(
            io.error
                == "keyward: Unknown API action \"GetAdminDetials\"; did you mean \"GetAdminDetails\"? (see 'keyward actions')\n"
        )
    }

    @Test func roleUpdateAllowAddRemove() throws {
        let keyward = try InProcessKeyward()
        try keyward.succeed(["role", "create", "--name", "R", "--allow", "GetAdminDetails"])
        try keyward.succeed(["role", "update", "R", "--add", "WhmcsDetails", "--add", "GetAdminUsers"])
        #expect(
            try keyward.json(["role", "show", "R"])["actions"] as? [String]
                == ["GetAdminDetails", "GetAdminUsers", "WhmcsDetails"])
        try keyward.succeed(["role", "update", "R", "--remove", "getadmindetails"])
        #expect(
            try keyward.json(["role", "show", "R"])["actions"] as? [String] == [
                "GetAdminUsers", "WhmcsDetails",
            ])
        try keyward.succeed([
            "role", "update", "R", "--allow", "WhmcsDetails", "--name", "Details", "--description", "d",
        ])
        let role = try keyward.json(["role", "show", "Details"])
        #expect(role["actions"] as? [String] == ["WhmcsDetails"])
        #expect(role["description"] as? String == "d")
        try keyward.succeed(["role", "update", "Details", "--allow="])
        #expect(try keyward.json(["role", "show", "Details"])["actions"] as? [String] == [])

        let (code, io) = keyward.run(["role", "update", "Details", "--allow", "X", "--add", "Y"])
        #expect(code == .usage)
        #expect(
            io.error.hasPrefix(
                "keyward: '--allow' replaces every action; do not combine it with '--add' or '--remove'\n"))
        #expect(keyward.run(["role", "update", "Details"]).code == .usage)
    }

    @Test func roleRemoveSaysHowManyCredentialsLostIt() throws {
        let keyward = try InProcessKeyward()
        try keyward.createAdmin("alice")
        try keyward.succeed(["role", "create", "--name", "R"])
        try keyward.succeed(["role", "create", "--name", "S"])
        try keyward.succeed(["credential", "generate", "--admin", "alice", "--role", "R"])
        #expect(
            try keyward.succeed(["role", "remove", "R"])
                == "Removed role R; it was unassigned from 1 API credential.\n")
        let (code, io) = keyward.run(["role", "show", "R"])
        #expect(code == .failure)
        #expect(io.error == "keyward: API role \"R\" not found\n")
    }

    @Test func actionsGroupedByCategory() throws {
        let keyward = try InProcessKeyward()
        let output = try keyward.succeed(["actions"])
        #expect(output.contains("System\n  WhmcsDetails"))
        let json = try keyward.json(["actions"])
        let actions = try #require(json["actions"] as? [[String: Any]])
        #expect(actions.contains { $0["name"] as? String == "GetAdminDetails" })
        let system = try keyward.json(["actions", "--category", "system"])
        #expect(
            (system["actions"] as? [[String: Any]])?.allSatisfy { $0["category"] as? String == "System" }
                == true)
        let (code, io) = keyward.run(["actions", "--category", "Sytem"])
        #expect(code == .failure)
        #expect(io.error.contains("did you mean \"System\"?"))
    }

    @Test func groupLifecycle() throws {
        let keyward = try InProcessKeyward()
        #expect(
            try keyward.succeed([
                "group", "create", "--name", "Integrations", "--permission",
                "api access, Manage API Credentials",
            ])
                == "Created group Integrations (id 4) with 2 permissions.\n"
        )
        var group = try keyward.json(["group", "show", "Integrations"])
        #expect(group["permissions"] as? [String] == ["API Access", "Manage API Credentials"])
        try keyward.succeed([
            "group", "update", "Integrations", "--add-permission", "View Activity Log",
            "--remove-permission", "Manage API Credentials",
        ])
        group = try keyward.json(["group", "show", "4"])
        #expect(group["permissions"] as? [String] == ["API Access", "View Activity Log"])
        try keyward.succeed([
            "group", "update", "Integrations", "--permission", "My Account", "--name", "Bots",
        ])
        group = try keyward.json(["group", "show", "Bots"])
        #expect(group["permissions"] as? [String] == ["My Account"])

        let (conflict, conflictIO) = keyward.run([
            "group", "update", "Bots", "--permission", "x", "--add-permission", "y",
        ])
        #expect(conflict == .usage)
        #expect(conflictIO.error.contains("do not combine it with '--add-permission'"))

        let (unknown, unknownIO) = keyward.run([
            "group", "create", "--name", "X", "--permission", "API Acess",
        ])
        #expect(unknown == .failure)
        #expect(unknownIO.error.contains("Unknown permission \"API Acess\"; did you mean \"API Access\"?"))

        try keyward.createAdmin("bot", extra: ["--group", "Bots"])
        let (inUse, inUseIO) = keyward.run(["group", "remove", "Bots"])
        #expect(inUse == .failure)
        #expect(inUseIO.error.contains("still has 1 admin"))
        try keyward.succeed(["admin", "update", "bot", "--group", "Full Administrator"])
        #expect(try keyward.succeed(["group", "remove", "Bots", "--yes"]) == "Removed group Bots.\n")

        let (builtIn, builtInIO) = keyward.run(["group", "remove", "1"])
        #expect(builtIn == .failure)
        #expect(builtInIO.error == "keyward: Built-in groups cannot be removed\n")
    }

    @Test func permissionNames() throws {
        let keyward = try InProcessKeyward()
        let output = try keyward.succeed(["group", "permissions"])
        #expect(output.contains("API Access\n"))
        #expect(output.contains("Manage API Credentials\n"))
        let list = try keyward.succeed(["group", "list"])
        #expect(list.contains("Full Administrator"))
        #expect(list.contains("API ACCESS"))
    }
}
