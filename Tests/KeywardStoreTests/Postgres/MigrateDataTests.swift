import Foundation
import KeywardCore
import KeywardPostgres
import KeywardSQLite
import KeywardTestSupport
import Testing

/// `keyward migrate-data` run as the real binary between a SQLite file and a PostgreSQL schema,
/// both directions, then both databases compared through the store protocol.
@Suite(
    "keyward migrate-data",
    .enabled(if: PostgresTestDatabase.isConfigured, "KEYWARD_TEST_POSTGRES_URL is unset"),
    .enabled(if: KeywardBinary.path != nil, "the keyward binary is not built (or KEYWARD_BINARY is unset)")
)
struct MigrateDataTests {
    @Test("SQLite to PostgreSQL and back: every row, id, hash and time arrives; the target must be empty")
    func roundTrip() throws {
        let directory = try TemporaryDirectory(prefix: "keyward-migrate")
        let sqlitePath = directory.path("source.sqlite")
        let source = try SQLiteStore(path: sqlitePath, clock: ManualClock())
        try Self.populate(source)
        let expected = try Snapshot(source, sessions: nil)
        source.close()

        let postgres = try PostgresTestDatabase.configuration(url: try #require(PostgresTestDatabase.url))
        defer { try? PostgresStore.erase(postgres) }
        let baseURL = try #require(PostgresTestDatabase.url)
        let postgresURL = baseURL + (baseURL.contains("?") ? "&" : "?") + "schema=\(postgres.schema)"

        let forward = try KeywardBinary.run(["migrate-data", "--from", "sqlite:\(sqlitePath)", "--to", postgresURL])
        #expect(forward.status == 0, "\(forward.error)")
        #expect(forward.output.contains("Verified: every table matches."))
        #expect(!forward.output.contains(try #require(postgres.password)))

        let target = try PostgresStore(configuration: postgres)
        let copied = try Snapshot(target, sessions: nil)
        #expect(copied == expected)
        // The target's feed continues after the source's, with one "all" change.
        let changes = try target.read { try $0.changes(after: 0, limit: 10) }
        #expect(changes.map(\.entity) == [.all])
        #expect(changes.first?.seq == expected.feedPosition + 1)
        // New rows get new ids, after the copied ones.
        let next = try target.write { tx in try Fixtures.admin(in: tx, username: "newcomer").id }
        #expect(next > (expected.admins.map(\.0.id).max() ?? 0))
        try target.write { tx in try tx.deleteAdmin(id: next) }
        // Sessions made on PostgreSQL travel back to SQLite.
        let session = AdminSession(
            tokenHash: Digest32(words: (7, 7, 7, 7)), adminID: expected.admins[0].0.id, csrfToken: "csrf",
            createdAt: Fixtures.epoch, lastSeenAt: Fixtures.epoch, expiresAt: Fixtures.epoch.addingTimeInterval(60),
            clientIP: "192.0.2.7", userAgent: "Test")
        try target.write { tx in try tx.insertSession(session) }
        let withSession = try Snapshot(target, sessions: [session.tokenHash])
        target.close()

        let refused = try KeywardBinary.run(["migrate-data", "--from", "sqlite:\(sqlitePath)", "--to", postgresURL])
        #expect(refused.status == 1)
        #expect(refused.error.contains("is not empty"))
        #expect(refused.error.contains("--force"))

        let backPath = directory.path("back.sqlite")
        let backward = try KeywardBinary.run(["migrate-data", "--from", postgresURL, "--to", "sqlite:\(backPath)"])
        #expect(backward.status == 0, "\(backward.error)")
        let back = try SQLiteStore(path: backPath)
        defer { back.close() }
        var returned = try Snapshot(back, sessions: [session.tokenHash])
        // SQLite numbers its own feed; everything else is as it was on PostgreSQL.
        returned.feedPosition = withSession.feedPosition
        #expect(returned == withSession)

        let forced = try KeywardBinary.run([
            "migrate-data", "--from", "sqlite:\(sqlitePath)", "--to", "sqlite:\(backPath)", "--force", "--json",
        ])
        #expect(forced.status == 0, "\(forced.error)")
        #expect(forced.output.contains("\"verified\": true"))
    }

    /// Admins, roles and credentials with gaps in their ids, edited built-in groups, settings, an
    /// allowlist, the catalog, audit events and last access.
    static func populate(_ store: any Store) throws {
        try store.write { tx throws in
            var full = try #require(try tx.group(id: 1))
            full.permissions.remove(.viewActivityLog)
            full.updatedAt = Fixtures.epoch.addingTimeInterval(5)
            try tx.updateGroup(full)
            let ops = try Fixtures.group(in: tx, name: "Ops", permissions: [.apiAccess])
            let gone = try Fixtures.group(in: tx, name: "Gone")
            try Fixtures.group(in: tx, name: "Kept")
            try tx.deleteGroup(id: gone.id)

            let alice = try Fixtures.admin(in: tx, username: "alice", firstName: "Alice", passwordHash: "hash-a")
            let bob = try Fixtures.admin(in: tx, username: "bob", groupID: ops.id, passwordHash: "hash-b")
            try tx.deleteAdmin(id: bob.id)
            let carol = try Fixtures.admin(in: tx, username: "carol", groupID: ops.id, passwordHash: "hash-c")

            let reader = try Fixtures.role(in: tx, name: "Reader", actions: ["GetAdminDetails"])
            let scratch = try Fixtures.role(in: tx, name: "Scratch")
            let writer = try Fixtures.role(
                in: tx, name: "Writer", description: "w", actions: ["AddClient", "GetClients"])
            try tx.deleteRole(id: scratch.id)

            var credentials: [APICredential] = []
            for index in 0..<6 {
                credentials.append(
                    try Fixtures.credential(
                        in: tx, adminID: index.isMultiple(of: 2) ? alice.id : carol.id, description: "c\(index)",
                        roleIDs: index.isMultiple(of: 3) ? [reader.id, writer.id] : [writer.id],
                        digest: SecretDigest(
                            keyID: "key-\(index % 2)", secretHash: Digest32(words: (UInt64(index), 1, 2, 3)),
                            compatHash: Digest32(words: (UInt64(index), 4, 5, 6))),
                        at: Fixtures.epoch.addingTimeInterval(Double(index) + 0.001)))
            }
            try tx.deleteCredential(id: credentials[1].id)
            try tx.deleteCredential(id: credentials[2].id)
            try tx.recordLastAccess([
                LastAccess(
                    credentialID: credentials[3].id, time: Fixtures.epoch.addingTimeInterval(99.5), ip: "2001:db8::9")
            ])
            try tx.setSetting("api.legacy_login", to: "0")
            try tx.setSetting("bootstrap.defaults", to: "1")
            let first = try tx.insertAllowlistEntry(AllowlistEntry(network: "127.0.0.1/32", createdAt: Fixtures.epoch))
            _ = try tx.insertAllowlistEntry(
                AllowlistEntry(network: "192.0.2.0/24", note: "office", createdAt: Fixtures.epoch))
            try tx.deleteAllowlistEntry(id: first)
            try tx.replaceActions([
                ActionDescriptor(name: "GetAdminDetails", category: "Authentication", summary: "The admin."),
                ActionDescriptor(name: "AddClient", category: "Client", summary: "Adds a client."),
            ])
            for index in 0..<5 {
                try tx.appendAudit(
                    AuditEvent(
                        time: Fixtures.epoch.addingTimeInterval(Double(index / 2)), actor: .cli("root"),
                        event: "test.\(index)", targetType: "credential", targetID: "\(index)",
                        clientIP: index == 2 ? "192.0.2.1" : nil, details: ["n": "\(index)", "a": "b"]))
            }
            for _ in 0..<4 { try tx.appendChange(.credential, id: credentials[0].id) }
        }
    }
}

/// Everything a store holds, read through the store protocol, comparable across stores.
private struct Snapshot: Equatable {
    var groups: [AdminGroup]
    var admins: [(Admin, String?)]
    var roles: [APIRole]
    var credentials: [APICredential]
    var records: [CredentialAuthRecord]
    var settings: [String: String]
    var allowlist: [AllowlistEntry]
    var actions: [ActionDescriptor]
    var audit: [AuditEvent]
    var sessions: [AdminSession?]
    var feedPosition: Int64

    init(_ store: any Store, sessions tokens: [Digest32]?) throws {
        (groups, admins, roles, credentials, records, settings, allowlist, actions, audit, sessions, feedPosition) =
            try store.read { tx in
                (
                    try tx.groups(),
                    try tx.admins().map { ($0, try tx.passwordHash(adminID: $0.id)) },
                    try tx.roles(),
                    try tx.credentials(matching: CredentialQuery(sort: .created, ascending: true, limit: 100)).rows
                        .map(\.credential),
                    try tx.authSnapshot().credentials.sorted { $0.id < $1.id },
                    try tx.settings(),
                    try tx.allowlist(),
                    try tx.actions(),
                    try tx.auditEvents(matching: AuditQuery(limit: 100)).events,
                    try (tokens ?? []).map { try tx.session(tokenHash: $0) },
                    try tx.latestChangeSeq()
                )
            }
    }

    static func == (lhs: Snapshot, rhs: Snapshot) -> Bool {
        lhs.groups == rhs.groups && lhs.admins.map(\.0) == rhs.admins.map(\.0)
            && lhs.admins.map(\.1) == rhs.admins.map(\.1) && lhs.roles == rhs.roles
            && lhs.credentials == rhs.credentials && lhs.records == rhs.records && lhs.settings == rhs.settings
            && lhs.allowlist == rhs.allowlist && lhs.actions == rhs.actions && lhs.audit == rhs.audit
            && lhs.sessions == rhs.sessions
    }
}

/// The built `keyward` binary: `KEYWARD_BINARY`, or next to the test bundle.
enum KeywardBinary {
    /// The outcome of one run.
    struct Result {
        var status: Int32
        var output: String
        var error: String
    }

    /// The binary's path, or `nil` when it was not built.
    static var path: String? {
        if let path = ProcessInfo.processInfo.environment["KEYWARD_BINARY"], !path.isEmpty {
            return FileManager.default.isExecutableFile(atPath: path) ? path : nil
        }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("keyward").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }

    /// Runs the binary with `arguments`, with a throwaway data directory and key.
    static func run(_ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(path))
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["KEYWARD_DATABASE_URL"] = nil
        process.environment = environment
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            output: String(decoding: outputData, as: UTF8.self),
            error: String(decoding: errorData, as: UTF8.self)
        )
    }
}
