/// The options every command accepts: where the data is, and how to print.
public struct GlobalOptions: Sendable, Equatable {
    /// `--data-dir`.
    public var dataDirectory: String?
    /// `--database`.
    public var database: String?
    /// `--json`.
    public var json: Bool

    /// Creates global options.
    public init(dataDirectory: String? = nil, database: String? = nil, json: Bool = false) {
        self.dataDirectory = dataDirectory
        self.database = database
        self.json = json
    }

    /// Reads them from a command's parsed arguments.
    public init(_ arguments: ParsedArguments) {
        self.init(
            dataDirectory: arguments.value("data-dir"),
            database: arguments.value("database"),
            json: arguments.flag("json")
        )
    }

    /// The declarations, added to every command by the command tree.
    public static let declarations: [CommandOption] = [
        .value(
            "data-dir",
            "path",
            help: "The data directory, holding secret.key and the default database.",
            environment: "KEYWARD_DATA_DIR",
            default: "./keyward-data"
        ),
        .value(
            "database",
            "url",
            help: "The database: sqlite:<path>, a file path, or postgres://user:password@host:port/db.",
            environment: "KEYWARD_DATABASE_URL",
            default: "sqlite:<data-dir>/keyward.sqlite"
        ),
        .flag("json", help: "Print machine-readable JSON (keys sorted)."),
    ]
}
