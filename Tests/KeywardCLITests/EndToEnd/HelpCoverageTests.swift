import Foundation
import KeywardCLI
import Testing

/// `--help` on every command of the real binary: exit 0, an overview, a usage line, and every
/// declared option.
@Suite struct HelpCoverageTests {
    /// Every path of the command tree, groups included, with the node.
    static func paths() -> [([String], CommandNode<CommandFactory>)] {
        var found: [([String], CommandNode<CommandFactory>)] = []
        func visit(_ node: CommandNode<CommandFactory>, _ path: [String]) {
            found.append((path, node))
            for child in node.children { visit(child, path + [child.name]) }
        }
        visit(KeywardTool.tree.root, [])
        return found
    }

    @Test func everyCommandHasHelp() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let keyward = try KeywardProcess(dataDirectory: directory.path)
        let paths = Self.paths()
        #expect(paths.count > 40)
        for (path, node) in paths {
            for arguments in [path + ["--help"], path + ["-h"], ["help"] + path] {
                let result = try keyward.run(arguments)
                #expect(result.status == 0, "\(arguments): \(result.error)")
                #expect(result.error.isEmpty, "\(arguments)")
                // Help is wrapped at 80 columns; unwrap it to find the overview.
                let unwrapped = result.output.replacingOccurrences(of: "\n", with: " ")
                #expect(unwrapped.hasPrefix("OVERVIEW: \(node.summary)"), "\(arguments)")
                #expect(result.output.contains("USAGE: keyward"), "\(arguments)")
                #expect(result.output.contains("-h, --help"), "\(arguments)")
                #expect(result.output.contains("--data-dir <path>"), "\(arguments)")
                if case .command(let signature, _) = node {
                    for option in signature.options {
                        #expect(result.output.contains(option.longForm), "\(arguments) lacks \(option.longForm)")
                    }
                }
            }
        }
        // Help needs no database.
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/keyward.sqlite"))
    }

    @Test func everySummaryIsOneLine() {
        for (path, node) in Self.paths() {
            #expect(!node.summary.contains("\n"), "\(path)")
            #expect(node.summary.hasSuffix("."), "\(path)")
        }
    }
}
