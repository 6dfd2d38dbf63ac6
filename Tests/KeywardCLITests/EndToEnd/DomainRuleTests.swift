import Foundation
import KeywardCLI
import KeywardCore
import Testing

/// Domain rules driven through the binary, checked with the authentication index built in-process
/// from the same data directory, as the server builds it.
@Suite struct DomainRuleTests {
    /// A data directory with two administrators (so one can be disabled), a role and a
    /// credential of `alice` holding it.
    struct Fixture {
        let directory: TemporaryDirectory
        let keyward: KeywardProcess
        let identifier: String
        let secret: String

        init(roles: [String] = ["--role", "Reader"]) throws {
            directory = try TemporaryDirectory()
            keyward = try KeywardProcess(dataDirectory: directory.path)
            for username in ["root", "alice"] {
                try keyward.succeed(
                    ["admin", "create", "--username", username, "--password-stdin"],
                    input: "correct horse battery\n"
                )
            }
            try keyward.succeed(["role", "create", "--name", "Reader", "--allow", "GetAdminDetails"])
            let generated = try keyward.succeed(["credential", "generate", "--admin", "alice", "--json"] + roles)
                .jsonObject()
            identifier = try #require(generated["identifier"] as? String)
            secret = try #require(generated["secret"] as? String)
        }

        /// Authenticates the credential against a freshly loaded index.
        func check(_ action: String? = "getadmindetails") throws -> AuthIndex.Check {
            let configuration = try KeywardEnvironment.Configuration.resolve(
                dataDirectory: directory.path,
                database: nil,
                environment: ["KEYWARD_PASSWORD_COST": "minimal"]
            )
            let environment = try KeywardEnvironment.open(configuration)
            defer { environment.close() }
            return try environment.makeAuthIndex()
                .check(identifier: identifier, presented: .secret(Substring(secret)), action: action)
        }

        func remove() { directory.remove() }
    }

    @Test func credentialWorksAndIsLimitedToItsRoles() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let allowed = try fixture.check("getadmindetails")
        #expect(allowed.principal?.adminUsername == "alice")
        #expect(allowed.allowed)
        #expect(try !fixture.check("getadminusers").allowed)
        // The MD5 of the secret authenticates too (WHMCS compatibility), a wrong secret does not.
        let configuration = try KeywardEnvironment.Configuration.resolve(
            dataDirectory: fixture.directory.path,
            database: nil,
            environment: [:]
        )
        let environment = try KeywardEnvironment.open(configuration)
        defer { environment.close() }
        let index = try environment.makeAuthIndex()
        let md5 = TestMD5.hex(fixture.secret)
        #expect(
            index.check(identifier: fixture.identifier, presented: .md5Hex(Substring(md5)), action: nil)
                .principal != nil)
        #expect(
            index.check(identifier: fixture.identifier, presented: .secret("kwsk_wrong"), action: nil)
                .principal == nil)
    }

    @Test func disablingTheAdminStopsItsCredentials() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        try fixture.keyward.succeed(["admin", "disable", "alice"])
        #expect(try fixture.check().principal == nil)
        try fixture.keyward.succeed(["admin", "enable", "alice"])
        #expect(try fixture.check().principal != nil)
    }

    @Test func removingTheAdminRemovesItsCredentials() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let removed = try fixture.keyward.succeed(["admin", "remove", "alice"])
        #expect(removed.output == "Removed admin alice and 1 API credential.\n")
        #expect(try fixture.check().principal == nil)
        #expect(try fixture.keyward.run(["credential", "show", fixture.identifier]).status == 1)
    }

    @Test func zeroRoleCredentialIsAllowedNothing() throws {
        let fixture = try Fixture(roles: [])
        defer { fixture.remove() }
        let check = try fixture.check("getadmindetails")
        #expect(check.principal != nil)
        #expect(!check.allowed)
        for action in ["whmcsdetails", "getadminusers", "generateapicredential"] {
            #expect(try !fixture.check(action).allowed)
        }
    }

    @Test func passwordChangeLeavesCredentialsWorking() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        try fixture.keyward.succeed(
            ["admin", "set-password", "alice", "--password-stdin"],
            input: "a completely new password\n"
        )
        #expect(try fixture.check().allowed)
    }

    @Test func roleDeletionUnassignsAndRecreationDoesNotReassign() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let removed = try fixture.keyward.succeed(["role", "remove", "Reader"])
        #expect(removed.output == "Removed role Reader; it was unassigned from 1 API credential.\n")
        #expect(try !fixture.check().allowed)
        try fixture.keyward.succeed([
            "role", "create", "--name", "Reader", "--allow", "GetAdminDetails",
        ])
        #expect(try !fixture.check().allowed)
        let shown = try fixture.keyward.succeed(["credential", "show", fixture.identifier])
        #expect(shown.output.contains("Roles:        None\n"))
    }

    @Test func removingAPIAccessFromTheGroupStopsCredentials() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        try fixture.keyward.succeed(["group", "create", "--name", "Bots", "--permission", "API Access"])
        try fixture.keyward.succeed(["admin", "update", "alice", "--group", "Bots"])
        #expect(try fixture.check().allowed)
        try fixture.keyward.succeed(["group", "update", "Bots", "--remove-permission", "API Access"])
        #expect(try fixture.check().principal == nil)
    }

    @Test func removedCredentialStopsAuthenticating() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        try fixture.keyward.succeed(["credential", "remove", fixture.identifier, "--yes"])
        #expect(try fixture.check().principal == nil)
    }
}
