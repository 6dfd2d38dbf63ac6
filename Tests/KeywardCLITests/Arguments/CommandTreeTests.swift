import Testing

@testable import KeywardCLI

/// Subcommand resolution, global options anywhere, help generation.
@Suite struct CommandTreeTests {
    static let show = CommandSignature(
        name: "show",
        summary: "Show a thing.",
        arguments: [CommandArgument("thing", help: "The thing.")],
        options: [.flag("verbose", help: "More.")]
    )
    static let tree = CommandTree(
        root: .group(
            name: "tool",
            summary: "A tool.",
            children: [
                .group(
                    name: "thing",
                    summary: "Things.",
                    children: [
                        .command(show, "show"),
                        .command(CommandSignature(name: "list", summary: "List."), "list"),
                    ]
                ),
                .command(CommandSignature(name: "version", summary: "Version."), "version"),
            ]
        ),
        globalOptions: [.value("data-dir", "path", help: "Where."), .flag("json", help: "JSON.")]
    )

    func resolve(_ tokens: [String]) throws(CommandTree<String>.Failure) -> CommandTree<String>.Resolution {
        try Self.tree.resolve(tokens)
    }

    func failure(_ tokens: [String]) -> (message: String, path: [String])? {
        do {
            _ = try resolve(tokens)
            return nil
        } catch {
            return (error.error.message, error.path)
        }
    }

    @Test func resolvesALeafWithItsArguments() throws {
        let resolution = try resolve(["thing", "show", "x", "--verbose"])
        #expect(resolution.path == ["tool", "thing", "show"])
        guard case .run(let leaf, let parsed) = resolution.action else {
            Issue.record("expected a command")
            return
        }
        #expect(leaf == "show")
        #expect(parsed.argument("thing") == "x")
        #expect(parsed.flag("verbose"))
    }

    @Test func globalOptionsBeforeTheSubcommand() throws {
        let resolution = try resolve(["--data-dir", "thing", "--json", "thing", "show", "x"])
        guard case .run(_, let parsed) = resolution.action else {
            Issue.record("expected a command")
            return
        }
        // The value "thing" of --data-dir is not taken for the subcommand.
        #expect(parsed.value("data-dir") == "thing")
        #expect(parsed.flag("json"))
        #expect(parsed.argument("thing") == "x")
        let equals = try resolve(["--data-dir=/d", "version"])
        guard case .run(_, let parsed) = equals.action else {
            Issue.record("expected a command")
            return
        }
        #expect(parsed.value("data-dir") == "/d")
    }

    @Test func groupWithoutSubcommandShowsHelp() throws {
        #expect(try resolve([]).path == ["tool"])
        let resolution = try resolve(["thing"])
        #expect(resolution.path == ["tool", "thing"])
        guard case .help = resolution.action else {
            Issue.record("expected help")
            return
        }
        guard case .help = try resolve(["thing", "--json"]).action else {
            Issue.record("expected help")
            return
        }
    }

    @Test func helpEverywhere() throws {
        for tokens in [
            ["--help"], ["thing", "-h"], ["thing", "show", "--help"], ["help", "thing", "show"], ["help"],
        ] {
            guard case .help = try resolve(tokens).action else {
                Issue.record("expected help for \(tokens)")
                continue
            }
        }
        #expect(try resolve(["help", "thing", "show"]).path == ["tool", "thing", "show"])
    }

    @Test func unknownCommandsSuggest() {
        #expect(failure(["thing", "lst"])?.message == "unknown command 'lst'; did you mean 'list'?")
        #expect(failure(["thing", "lst"])?.path == ["tool", "thing"])
        #expect(failure(["thingy"])?.message == "unknown command 'thingy'; did you mean 'thing'?")
        #expect(failure(["zzz"])?.message == "unknown command 'zzz'")
        #expect(failure(["help", "nope"])?.message == "unknown command 'nope'")
    }

    @Test func errorsBelongToTheLeaf() {
        let failure = failure(["thing", "show", "--verbos", "x"])
        #expect(failure?.message == "unknown option '--verbos'; did you mean '--verbose'?")
        #expect(failure?.path == ["tool", "thing", "show"])
        #expect(self.failure(["thing", "--bogus"])?.message == "unknown option '--bogus'")
        #expect(self.failure(["thing", "--", "x"])?.message == "unexpected argument 'x'")
    }

    @Test func usageLines() {
        let group = Self.tree.root.child(named: "thing")!
        #expect(Self.tree.usage(path: ["tool", "thing"], node: group) == "tool thing <subcommand>")
        let show = group.child(named: "show")!
        #expect(
            Self.tree.usage(path: ["tool", "thing", "show"], node: show)
                == "tool thing show <thing> [--verbose]")
    }

    @Test func helpIsGeneratedFromTheDeclarations() {
        let group = Self.tree.root.child(named: "thing")!
        let groupHelp = Self.tree.help(path: ["tool", "thing"], node: group)
        #expect(groupHelp.contains("OVERVIEW: Things."))
        #expect(groupHelp.contains("USAGE: tool thing <subcommand>"))
        #expect(groupHelp.contains("  show                    Show a thing."))
        #expect(groupHelp.contains("  list                    List."))
        #expect(groupHelp.contains("See 'tool help thing <subcommand>' for detailed help."))

        let help = Self.tree.help(path: ["tool", "thing", "show"], node: group.child(named: "show")!)
        #expect(help.contains("OVERVIEW: Show a thing."))
        #expect(help.contains("USAGE: tool thing show <thing> [--verbose]"))
        #expect(help.contains("ARGUMENTS:\n  <thing>                 The thing."))
        #expect(help.contains("OPTIONS:\n  --verbose               More."))
        #expect(help.contains("GLOBAL OPTIONS:\n  --data-dir <path>       Where."))
        #expect(help.contains("  -h, --help              Show help information."))
        for line in help.split(separator: "\n") { #expect(line.count <= 80) }
    }

    @Test func rootSectionsOnlyInTheTopLevelHelp() {
        let tree = CommandTree(
            root: Self.tree.root,
            globalOptions: [],
            rootSections: [("ENVIRONMENT:", [("TOOL_HOME", "Where the tool lives.")])]
        )
        #expect(
            tree.help(path: ["tool"], node: tree.root).contains(
                "ENVIRONMENT:\n  TOOL_HOME               Where the tool lives."))
        let thing = tree.root.child(named: "thing")!
        #expect(!tree.help(path: ["tool", "thing"], node: thing).contains("ENVIRONMENT:"))
    }

    @Test func helpNotesListsEnvironmentAndDefaults() {
        let tree = CommandTree(
            root: .group(
                name: "t",
                summary: "T.",
                children: [
                    .command(
                        CommandSignature(
                            name: "c",
                            summary: "C.",
                            options: [
                                .list("role", "role", help: "A role."),
                                .value("dir", "path", help: "A dir.", environment: "DIR", default: "./d"),
                            ]
                        ),
                        0
                    )
                ]
            ),
            globalOptions: []
        )
        let help = tree.help(path: ["t", "c"], node: tree.root.children[0])
        #expect(help.contains("A role. (repeatable, comma-separated)"))
        #expect(help.contains("A dir. (env: DIR; default: ./d)"))
    }
}
