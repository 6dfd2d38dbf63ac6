import Foundation
import KeywardCLI
import Testing

/// `keyward credential …` in-process.
@Suite struct CredentialCommandTests {
    func prepared() throws -> InProcessKeyward {
        let keyward = try InProcessKeyward()
        try keyward.createAdmin("alice", extra: ["--first-name", "Alice", "--last-name", "Smith"])
        try keyward.succeed(["role", "create", "--name", "Reader", "--allow", "GetAdminDetails"])
        try keyward.succeed(["role", "create", "--name", "Writer", "--allow", "GenerateApiCredential"])
        return keyward
    }

    @Test func generateNeedsARole() throws {
        let keyward = try InProcessKeyward()
        try keyward.createAdmin("alice")
        let (code, io) = keyward.run(["credential", "generate", "--admin", "alice"])
        #expect(code == .failure)
        #expect(io.error == "keyward: Create an API role before generating credentials\n")
    }

    @Test func generatePrintsTheSecretOnceWithAWarning() throws {
        let keyward = try prepared()
        let output = try keyward.succeed([
            "credential", "generate", "--admin", "alice", "--role", "Reader,Writer",
        ])
        #expect(output.hasPrefix("Generated an API credential for Alice Smith (alice).\n\nIdentifier:  kwid_"))
        #expect(output.contains("\nSecret:      kwsk_"))
        #expect(output.contains("it cannot be shown again"))
        let secret = try #require(
            output.split(separator: "\n").first { $0.hasPrefix("Secret:") }?.split(separator: " ").last)
        let list = try keyward.succeed(["credential", "list"])
        #expect(!list.contains(String(secret)))
        #expect(list.contains("Reader, Writer"))
    }

    @Test func generateJSON() throws {
        let keyward = try prepared()
        let json = try keyward.json(["credential", "generate", "--admin", "1", "--description", "CI"])
        let identifier = try #require(json["identifier"] as? String)
        let secret = try #require(json["secret"] as? String)
        #expect(identifier.hasPrefix("kwid_"))
        #expect(secret.hasPrefix("kwsk_"))
        #expect((json["warning"] as? String)?.contains("cannot be shown again") == true)
        let credential = try #require(json["credential"] as? [String: Any])
        #expect(credential["description"] as? String == "CI")
        #expect(credential["roles"] as? [String] == [])
        #expect(credential["lastAccessAt"] is NSNull)
        let shown = try keyward.json(["credential", "show", identifier])
        #expect(shown["identifier"] as? String == identifier)
        #expect(shown.keys.sorted() == credential.keys.sorted())
        #expect(!(try keyward.succeed(["credential", "show", identifier, "--json"])).contains(secret))
    }

    @Test func showUsesWHMCSWordsForEmptyValues() throws {
        let keyward = try prepared()
        let identifier = try #require(
            try keyward.json(["credential", "generate", "--admin", "alice"])["identifier"] as? String)
        let show = try keyward.succeed(["credential", "show", identifier])
        #expect(show.contains("Description:  None provided\n"))
        #expect(show.contains("Roles:        None\n"))
        #expect(show.contains("Last access:  Never\n"))
        #expect(show.contains("Admin:        Alice Smith (alice)\n"))
    }

    @Test func describeSetRolesRemove() throws {
        let keyward = try prepared()
        let identifier = try #require(
            try keyward.json(["credential", "generate", "--admin", "alice"])["identifier"] as? String)
        #expect(
            try keyward.succeed(["credential", "describe", identifier, "--description", "Billing sync"])
                == "Description of \(identifier) set to: Billing sync\n")
        #expect(
            try keyward.succeed([
                "credential", "set-roles", identifier, "--role", "writer", "--role", "Reader",
            ])
                == "Roles of \(identifier): Reader, Writer.\n")
        #expect(
            try keyward.succeed(["credential", "set-roles", identifier, "--none"])
                == "Roles of \(identifier): None.\n")
        let (missing, missingIO) = keyward.run(["credential", "set-roles", identifier])
        #expect(missing == .usage)
        #expect(
            missingIO.error.hasPrefix("keyward: give '--role' at least once, or '--none' to remove every role\n"))
        #expect(keyward.run(["credential", "set-roles", identifier, "--none", "--role", "R"]).code == .usage)
        let (unknownRole, unknownRoleIO) = keyward.run([
            "credential", "set-roles", identifier, "--role", "Nope",
        ])
        #expect(unknownRole == .failure)
        #expect(unknownRoleIO.error == "keyward: API role \"Nope\" not found\n")
        try keyward.succeed(["credential", "describe", identifier, "--description="])
        #expect(try keyward.json(["credential", "show", identifier])["description"] as? String == "")
        #expect(
            try keyward.succeed(["credential", "remove", identifier])
                == "Removed API credential \(identifier).\n")
        let (gone, goneIO) = keyward.run(["credential", "show", identifier])
        #expect(gone == .failure)
        #expect(goneIO.error == "keyward: API credential \"\(identifier)\" not found\n")
    }

    @Test func listSearchSortPage() throws {
        let keyward = try prepared()
        try keyward.createAdmin("bob")
        for (admin, description) in [("alice", "alpha"), ("bob", "bravo"), ("alice", "charlie")] {
            try keyward.succeed([
                "credential", "generate", "--admin", admin, "--description", description,
            ])
        }
        func descriptions(_ arguments: [String]) throws -> [String] {
            let json = try keyward.json(["credential", "list"] + arguments)
            return (json["credentials"] as? [[String: Any]] ?? []).compactMap {
                $0["description"] as? String
            }
        }
        #expect(try descriptions([]).sorted() == ["alpha", "bravo", "charlie"])
        #expect(try descriptions(["--sort", "description"]) == ["alpha", "bravo", "charlie"])
        #expect(try descriptions(["--sort", "description", "--desc"]) == ["charlie", "bravo", "alpha"])
        #expect(try descriptions(["--admin", "bob"]) == ["bravo"])
        #expect(try descriptions(["--search", "CHAR"]) == ["charlie"])
        #expect(try descriptions(["--sort", "description", "--limit", "1", "--offset", "1"]) == ["bravo"])
        let page = try keyward.json(["credential", "list", "--limit", "2"])
        #expect(page["matching"] as? Int == 3)
        #expect(page["total"] as? Int == 3)
        let human = try keyward.succeed(["credential", "list", "--limit", "2", "--sort", "created"])
        #expect(human.hasSuffix("Showing 1-2 of 3 matching (3 in all). Next page: --offset 2.\n"))
        #expect(
            try keyward.succeed(["credential", "list", "--search", "zzz"])
                == "No API credentials match (3 in all).\n")

        let (badSort, badSortIO) = keyward.run(["credential", "list", "--sort", "craeted"])
        #expect(badSort == .usage)
        #expect(
            badSortIO.error.hasPrefix("keyward: invalid value 'craeted' for '--sort'; did you mean 'created'?"))
        let (badLimit, badLimitIO) = keyward.run(["credential", "list", "--limit", "0"])
        #expect(badLimit == .usage)
        #expect(
            badLimitIO.error.hasPrefix(
                "keyward: invalid value '0' for '--limit': expected a whole number from 1 to 10000"))
    }

    @Test func emptyList() throws {
        let keyward = try prepared()
        #expect(
            try keyward.succeed(["credential", "list"])
                == "No API credentials yet. Generate one with 'keyward credential generate'.\n")
    }
}
