import FoundationEssentials
import KeywardCore

/// `keyward bench-seed`: fills a database with many credentials for benchmarks and load tests.
///
/// It writes directly through the store in one transaction (one audit event, one `all` change)
/// instead of one management operation per credential, so a million credentials take seconds.
struct BenchSeedCommand: KeywardCommand {
    static let signature = CommandSignature(
        name: "bench-seed",
        summary: "Add many API credentials at once, for benchmarks (prints one usable pair).",
        discussion: """
            Creates the admin "bench" (Full Administrator) and the role "bench" allowing every \
            action if they do not exist, then adds the requested number of credentials for that \
            admin. Only the first credential's secret is printed; the rest are random and unknown.
            """,
        options: [
            .value("credentials", "count", required: true, help: "How many credentials to add (1 to 10,000,000)."),
            .value("batch", "count", help: "Credentials per transaction.", default: "50000"),
        ]
    )

    let count: Int
    let batch: Int

    init(arguments: ParsedArguments) throws {
        count = try arguments.integer("credentials", in: 1...10_000_000) ?? 1
        batch = try arguments.integer("batch", in: 1...1_000_000) ?? 50_000
    }

    func run(in context: CommandContext) throws {
        let management = try context.management()
        let admin: Admin
        do {
            admin = try management.admin(named: "bench")
        } catch let error as KeywardError where error.code == .notFound {
            admin = try management.createAdmin(
                AdminInput(username: "bench", firstName: "Bench", lastName: "Mark", email: "bench@example.invalid"),
                password: management.generator.newToken(),
                context: context.audit
            )
        }
        let role: APIRole
        do {
            role = try management.role(named: "bench")
        } catch let error as KeywardError where error.code == .notFound {
            role = try management.createRole(
                name: "bench",
                description: "Every action, for benchmarks",
                actions: try management.actions().map(\.name),
                context: context.audit
            )
        }
        let first = (identifier: management.generator.newIdentifier(), secret: management.generator.newSecret())
        let started = Date()
        var written = 0
        while written < count {
            let size = min(batch, count - written)
            let now = management.clock.now()
            try management.store.write { tx in
                for offset in 0..<size {
                    let isFirst = written + offset == 0
                    let identifier = isFirst ? first.identifier : management.generator.newIdentifier()
                    let secret = isFirst ? first.secret : management.generator.newSecret()
                    _ = try tx.insertCredential(
                        APICredential(
                            identifier: identifier,
                            adminID: admin.id,
                            description: "bench \(written + offset)",
                            roleIDs: [role.id],
                            createdAt: now
                        ),
                        digest: management.secrets.digest(secret: secret)
                    )
                }
                try tx.appendChange(.all, id: 0)
                try tx.appendAudit(
                    AuditEvent(
                        time: now,
                        actor: context.audit.actor,
                        event: "bench.seeded",
                        targetType: "credential",
                        targetLabel: "bench",
                        details: ["count": String(size)]
                    )
                )
            }
            written += size
        }
        let seconds = Date().timeIntervalSince(started)
        if context.json {
            context.print(
                json: .object([
                    "identifier": .string(first.identifier),
                    "secret": .string(first.secret),
                    "admin": .string(admin.username),
                    "role": .string(role.name),
                    "added": .integer(Int64(count)),
                    "seconds": .double(seconds),
                ])
            )
        } else {
            context.print("Added \(count) credentials for \"\(admin.username)\" in \(Int(seconds * 1000)) ms.")
            context.print("identifier: \(first.identifier)")
            context.print("secret:     \(first.secret)")
        }
    }
}
