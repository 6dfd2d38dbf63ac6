import FoundationEssentials
import KeywardCore
import KeywardPostgres
import KeywardSQLite

/// `keyward migrate-data`: copies every table from one database to another (SQLite to PostgreSQL
/// and back), then verifies the copy table by table.
struct MigrateDataCommand: KeywardCommand {
    static let signature = CommandSignature(
        name: "migrate-data",
        summary: "Copy all of Keyward's data to another database (SQLite or PostgreSQL) and verify it.",
        discussion: """
            Copies admin groups, admins with their password hashes, API roles, API credentials with \
            their hashes and role links, settings, the API IP allowlist, the action catalog, the \
            activity log and (from PostgreSQL) admin-area sessions, keeping every id, in one \
            transaction. The target's change feed gets one "all" change (on PostgreSQL after the \
            source's position), so servers following it reload. Both databases are migrated to the \
            current schema first. The target must be empty unless --force is given; it is created \
            anew (a SQLite file is replaced; on PostgreSQL, Keyward's tables in the schema). \
            Afterwards every table's row count and SHA-256 content digest are compared and printed; \
            any difference fails the command. Stop the servers using the \
            source first, so nothing changes during the copy. Secrets are stored as keyed hashes: \
            serve the target with the same server key (KEYWARD_SECRET_KEY or secret.key) and they \
            keep working.
            """,
        options: [
            .value("from", "url", required: true, help: "The source: sqlite:<path>, a file path, or postgres://…"),
            .value("to", "url", required: true, help: "The target: sqlite:<path>, a file path, or postgres://…"),
            .flag("force", help: "Delete everything in a non-empty target before copying."),
        ]
    )

    let from: DatabaseLocation
    let to: DatabaseLocation
    let force: Bool

    init(arguments: ParsedArguments) throws {
        guard let fromText = arguments.value("from"), let toText = arguments.value("to") else {
            throw UsageError("--from and --to are required")
        }
        do {
            from = try DatabaseLocation(parsing: fromText)
            to = try DatabaseLocation(parsing: toText)
        } catch let error as KeywardError {
            throw UsageError(error.message)
        }
        force = arguments.flag("force")
        guard from != to else { throw UsageError("--from and --to name the same database") }
    }

    func run(in context: CommandContext) throws {
        let source = try StoreOpener.open(from)
        defer { source.close() }
        try checkTarget(in: context)
        let data = try DataSet.read(from: source)
        let target = try createTarget(builtInGroupsCreatedAt: data.groups.first(where: \.isBuiltIn)?.createdAt)
        defer { target.close() }

        try DataTransfer.copy(data, to: target) { written, total in
            context.note("\(written) of \(total) credentials written…")
        }
        var copied = try DataSet.read(from: target)
        if let sessions = data.sessions, copied.sessions == nil {
            // A target that cannot list sessions is checked by looking each one up.
            copied.sessions = try target.read { tx in
                try sessions.compactMap { try tx.session(tokenHash: $0.tokenHash) }
            }
        } else if data.sessions == nil {
            copied.sessions = nil
        }
        try report(source: data, target: copied, targetPosition: copied.feedPosition, in: context)
    }

    /// Refuses a target that holds data, unless `--force`.
    private func checkTarget(in context: CommandContext) throws {
        let target = try StoreOpener.open(to)
        defer { target.close() }
        let existing = try DataSet.contents(of: target)
        guard !existing.isEmpty else { return }
        let listing = existing.keys.sorted().map { "\($0): \(existing[$0] ?? 0)" }.joined(separator: ", ")
        guard force else {
            throw KeywardError.conflict(
                "The target database \(to) is not empty (\(listing)); add --force to replace its contents")
        }
        context.note("Deleting everything in \(to) (\(listing)).")
    }

    /// An empty target, created anew.
    ///
    /// A SQLite target is a new file whose first migration stamps the built-in groups with the
    /// source's time, so those rows match too (the store protocol cannot change a creation time,
    /// nor can SQLite hand out an id twice). A PostgreSQL target loses Keyward's tables and gets
    /// them back; its import keeps every id by itself.
    private func createTarget(builtInGroupsCreatedAt time: Date?) throws -> any Store {
        try Self.erase(to)
        switch to {
        case .sqlite(let path):
            do {
                return try SQLiteStore(path: path, clock: FixedTime(time ?? Date()))
            } catch let error as KeywardError where error.code == .invalidInput {
                throw error
            } catch {
                throw StoreOpener.unavailable(to, error)
            }
        case .postgres:
            return try StoreOpener.open(to)
        }
    }

    /// Prints the comparison, and fails when any table differs.
    private func report(source: DataSet, target: DataSet, targetPosition: Int64, in context: CommandContext) throws {
        let before = source.summaries
        let after = Dictionary(uniqueKeysWithValues: target.summaries.map { ($0.table, $0) })
        let mismatched = before.filter { after[$0.table] != $0 }.map(\.table)
        if context.json {
            context.print(
                json: .object([
                    "from": .string(from.description),
                    "to": .string(to.description),
                    "tables": .array(
                        before.map { table in
                            .object([
                                "table": .string(table.table),
                                "sourceRows": .integer(table.rows),
                                "targetRows": .integer(after[table.table]?.rows ?? 0),
                                "sourceDigest": .string(table.digest),
                                "targetDigest": .string(after[table.table]?.digest ?? ""),
                                "matches": .bool(after[table.table] == table),
                            ])
                        }),
                    "sessionsCopied": .bool(source.sessions != nil),
                    "sourceFeedPosition": .integer(source.feedPosition),
                    "targetFeedPosition": .integer(targetPosition),
                    "serverKeyIDs": .strings(source.serverKeyIDs),
                    "verified": .bool(mismatched.isEmpty),
                ]))
        } else {
            var table = TextTable(headers: ["TABLE", "SOURCE ROWS", "TARGET ROWS", "SHA-256 (SOURCE)", "MATCH"])
            for summary in before {
                let copied = after[summary.table]
                table.append([
                    summary.table, String(summary.rows), copied.map { String($0.rows) } ?? "-",
                    String(summary.digest.prefix(16)), copied == summary ? "yes" : "NO",
                ])
            }
            context.print("Copied \(from) to \(to).")
            context.print(table.rendered(bold: context.usesColour))
            if source.sessions == nil {
                context.print("admin_sessions: not copied (a SQLite store cannot list them); admins sign in again.")
            }
            context.print(
                "Change feed: source at \(source.feedPosition), target at \(targetPosition) "
                    + "(servers following the target reload everything).")
            if !source.serverKeyIDs.isEmpty {
                context.print(
                    "Credential secrets were hashed with server key \(source.serverKeyIDs.joined(separator: ", ")): "
                        + "serve the target with the same key (KEYWARD_SECRET_KEY or secret.key).")
            }
            if mismatched.isEmpty { context.print("Verified: every table matches.") }
        }
        guard mismatched.isEmpty else {
            throw KeywardError(
                .storage, "The copy differs from the source in \(mismatched.joined(separator: ", ")); check the target")
        }
    }

    /// Deletes everything in a database: a SQLite file and its journal files, or Keyward's tables
    /// in a PostgreSQL schema.
    static func erase(_ location: DatabaseLocation) throws {
        switch location {
        case .sqlite(let path):
            for suffix in ["", "-wal", "-shm", "-journal"] where FileManager.default.fileExists(atPath: path + suffix) {
                do {
                    try FileManager.default.removeItem(atPath: path + suffix)
                } catch {
                    throw KeywardError(.storage, "Cannot delete \(path + suffix) to replace it")
                }
            }
        case .postgres(let url):
            try PostgresStore.erase(PostgresConfiguration(url: url))
        }
    }
}

/// The time a new SQLite target's first migration stamps its built-in groups with.
private struct FixedTime: WallClock {
    let time: Date

    init(_ time: Date) { self.time = time }

    func now() -> Date { time }
}
