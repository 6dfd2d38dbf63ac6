import Testing

@testable import KeywardCLI

/// The parser on its own: every accepted form and every error.
@Suite struct ArgumentParserTests {
    static let signature = CommandSignature(
        name: "generate",
        summary: "Generate a thing.",
        arguments: [CommandArgument("target", help: "The target.", optional: true)],
        options: [
            .value("admin", "admin", required: true, help: "The admin."),
            .value("description", "text", help: "A description."),
            .list("role", "role", help: "A role."),
            .list("tag", "tag", commaSeparated: false, help: "A tag, commas kept."),
            .flag("json", help: "JSON."),
            .flag("yes", short: "y", help: "Skip confirmation."),
            .value("limit", "n", help: "A limit."),
        ]
    )

    func parse(_ tokens: [String], _ signature: CommandSignature = signature) throws(UsageError) -> ParsedArguments {
        guard case .arguments(let parsed) = try ArgumentParser.parse(tokens, for: signature) else {
            throw UsageError("help was requested")
        }
        return parsed
    }

    func error(_ tokens: [String], _ signature: CommandSignature = signature) -> String? {
        do {
            _ = try ArgumentParser.parse(tokens, for: signature)
            return nil
        } catch {
            return error.message
        }
    }

    @Test func valuesWithSpaceAndEquals() throws {
        let parsed = try parse(["--admin", "alice", "--description=CI runner"])
        #expect(parsed.value("admin") == "alice")
        #expect(parsed.value("description") == "CI runner")
        #expect(parsed.value("limit") == nil)
        #expect(!parsed.has("limit"))
    }

    @Test func equalsFormAcceptsEmptyAndDashValues() throws {
        let parsed = try parse(["--admin=alice", "--description=", "--limit=-5"])
        #expect(parsed.value("description") == "")
        #expect(parsed.has("description"))
        #expect(parsed.value("limit") == "-5")
    }

    @Test func negativeNumberIsAValueNotAnOption() throws {
        #expect(try parse(["--admin", "a", "--limit", "-3"]).value("limit") == "-3")
    }

    @Test func valueMayContainEquals() throws {
        #expect(try parse(["--admin", "a", "--description=a=b"]).value("description") == "a=b")
    }

    @Test func flagsLongAndShort() throws {
        let parsed = try parse(["--admin", "a", "--json", "-y"])
        #expect(parsed.flag("json"))
        #expect(parsed.flag("yes"))
        #expect(!(try parse(["--admin", "a"]).flag("json")))
    }

    @Test func shortOptionWithAValue() throws {
        let signature = CommandSignature(
            name: "x",
            summary: "x",
            options: [CommandOption(name: "name", shortName: "n", kind: .value, valueName: "name", help: "n")]
        )
        #expect(try parse(["-n", "alice"], signature).value("name") == "alice")
        #expect(error(["-n"], signature) == "missing value for option '--name <name>'")
    }

    @Test func repeatedAndCommaSeparatedLists() throws {
        let parsed = try parse([
            "--admin", "a", "--role", "A", "--role", "B, C", "--role=D,,", "--tag", "x,y",
        ])
        #expect(parsed.values("role") == ["A", "B", "C", "D"])
        #expect(parsed.values("tag") == ["x,y"])
        #expect(parsed.values("description").isEmpty)
    }

    @Test func emptyListIsPresentButEmpty() throws {
        let parsed = try parse(["--admin", "a", "--role="])
        #expect(parsed.has("role"))
        #expect(parsed.values("role").isEmpty)
    }

    @Test func positionalsBetweenOptions() throws {
        let parsed = try parse(["thing", "--admin", "a"])
        #expect(parsed.argument("target") == "thing")
        #expect(try parse(["--admin", "a", "thing"]).argument("target") == "thing")
        #expect(try parse(["--admin", "a"]).argument("target") == nil)
    }

    @Test func terminatorMakesEverythingPositional() throws {
        let parsed = try parse(["--admin", "a", "--", "--json"])
        #expect(parsed.argument("target") == "--json")
        #expect(!parsed.flag("json"))
    }

    @Test func loneDashIsPositional() throws {
        #expect(try parse(["--admin", "a", "-"]).argument("target") == "-")
    }

    @Test(arguments: [
        ["--help"], ["-h"], ["--admin", "a", "--help"], ["--bogus", "-h"], ["--help", "--admin"],
    ])
    func helpWinsOverEverything(tokens: [String]) throws {
        #expect(try ArgumentParser.parse(tokens, for: Self.signature) == .help)
    }

    @Test func helpAfterTerminatorIsPositional() throws {
        #expect(try parse(["--admin", "a", "--", "--help"]).argument("target") == "--help")
    }

    @Test func repeatingArgumentTakesTheRest() throws {
        let signature = CommandSignature(
            name: "x",
            summary: "x",
            arguments: [
                CommandArgument("first", help: "f"), CommandArgument("rest", help: "r", repeating: true),
            ]
        )
        let parsed = try parse(["a", "b", "c"], signature)
        #expect(parsed.argument("first") == "a")
        #expect(parsed.arguments("rest") == ["b", "c"])
        #expect(error(["a"], signature) == "missing argument '<rest>'")
    }

    // MARK: Errors

    @Test func unknownOptionSuggestsTheClosest() {
        let signature = CommandSignature(
            name: "x",
            summary: "x",
            options: [.value("description", "text", help: "d"), .value("name", "name", help: "n")]
        )
        #expect(
            error(["--dscription", "x"], signature)
                == "unknown option '--dscription'; did you mean '--description'?")
        #expect(error(["--nmae", "x"], signature) == "unknown option '--nmae'; did you mean '--name'?")
        #expect(error(["--hlep"], signature) == "unknown option '--hlep'; did you mean '--help'?")
        #expect(error(["--frobnicate"], signature) == "unknown option '--frobnicate'")
        #expect(error(["-q"], signature) == "unknown option '-q'")
        #expect(error(["-name", "x"], signature) == "unknown option '-name'; did you mean '--name'?")
    }

    @Test func missingValue() {
        #expect(error(["--admin"]) == "missing value for option '--admin <admin>'")
        #expect(error(["--admin", "--json"]) == "missing value for option '--admin <admin>'")
        #expect(error(["--admin", "a", "--role"]) == "missing value for option '--role <role>'")
        #expect(error(["--admin", "--"]) == "missing value for option '--admin <admin>'")
    }

    @Test func flagWithValue() {
        #expect(error(["--admin", "a", "--json=yes"]) == "option '--json' does not take a value")
    }

    @Test func singleValueGivenTwice() {
        #expect(error(["--admin", "a", "--admin", "b"]) == "option '--admin' was given more than once")
    }

    @Test func missingRequiredOption() {
        #expect(error([]) == "missing option '--admin <admin>'")
        #expect(error(["--json"]) == "missing option '--admin <admin>'")
    }

    @Test func unexpectedAndMissingArguments() {
        #expect(error(["--admin", "a", "one", "two"]) == "unexpected argument 'two'")
        let signature = CommandSignature(name: "x", summary: "x", arguments: [CommandArgument("admin", help: "a")])
        #expect(error([], signature) == "missing argument '<admin>'")
    }

    // MARK: Typed accessors

    @Test func integers() throws {
        let parsed = try parse(["--admin", "a", "--limit", "25"])
        #expect(try parsed.integer("limit", in: 1...100) == 25)
        #expect(try parsed.integer("description", in: 1...100) == nil)
        let bad = try parse(["--admin", "a", "--limit", "abc"])
        #expect(throws: UsageError("invalid value 'abc' for '--limit': expected a whole number from 1 to 100")) {
            try bad.integer("limit", in: 1...100)
        }
        let outOfRange = try parse(["--admin", "a", "--limit", "0"])
        #expect(throws: UsageError.self) { try outOfRange.integer("limit", in: 1...100) }
    }

    @Test func choices() throws {
        let parsed = try parse(["--admin", "a", "--description", "CREATED"])
        #expect(try parsed.choice("description", from: ["created", "admin"]) == "created")
        let typo = try parse(["--admin", "a", "--description", "craeted"])
        #expect(
            throws: UsageError(
                "invalid value 'craeted' for '--description'; did you mean 'created'? (expected one of: created, admin)"
            )
        ) { try typo.choice("description", from: ["created", "admin"]) }
        let far = try parse(["--admin", "a", "--description", "zzz"])
        #expect(throws: UsageError("invalid value 'zzz' for '--description'; expected one of: created, admin")) {
            try far.choice("description", from: ["created", "admin"])
        }
    }

    @Test(arguments: [
        ("on", true), ("YES", true), ("1", true), ("off", false), ("false", false), ("0", false),
    ])
    func toggles(text: String, expected: Bool) throws {
        #expect(try parse(["--admin", "a", "--description", text]).toggle("description") == expected)
    }

    @Test func badToggle() throws {
        let parsed = try parse(["--admin", "a", "--description", "maybe"])
        #expect(throws: UsageError("invalid value 'maybe' for '--description'; expected 'on' or 'off'")) {
            try parsed.toggle("description")
        }
    }

    @Test func requiredAccessors() throws {
        let parsed = try parse(["--admin", "a"])
        #expect(try parsed.requiredValue("admin") == "a")
        #expect(throws: UsageError("missing option '--description'")) {
            try parsed.requiredValue("description")
        }
        #expect(throws: UsageError("missing argument '<target>'")) {
            try parsed.requiredArgument("target")
        }
    }

    @Test func usageLine() {
        #expect(
            Self.signature.usageTail
                == "[<target>] --admin <admin> [--description <text>] [--role <role> ...] [--tag <tag> ...] "
                + "[--json] [--yes] [--limit <n>]"
        )
    }
}
