/// A node of a command tree: a group of subcommands (`keyward admin`) or a command that runs
/// (`keyward admin create`), carrying a payload the caller runs.
public indirect enum CommandNode<Leaf: Sendable>: Sendable {
    /// A group: a name, a one-line summary and its subcommands.
    case group(name: String, summary: String, children: [CommandNode<Leaf>])
    /// A command: its signature and what runs it.
    case command(CommandSignature, Leaf)

    /// The word that selects the node.
    public var name: String {
        switch self {
        case .group(let name, _, _): name
        case .command(let signature, _): signature.name
        }
    }

    /// The node's one-line summary.
    public var summary: String {
        switch self {
        case .group(_, let summary, _): summary
        case .command(let signature, _): signature.summary
        }
    }

    /// The subcommands of a group; empty for a command.
    public var children: [CommandNode<Leaf>] {
        if case .group(_, _, let children) = self { return children }
        return []
    }

    /// The subcommand with this name.
    public func child(named name: String) -> CommandNode<Leaf>? { children.first { $0.name == name } }
}
