import FoundationEssentials
import KeywardCore
import KeywardSQLite
import KeywardTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Timings of the credentials table and the authentication snapshot at scale, printed rather than
/// asserted. Opt in with `KEYWARD_STORE_BENCHMARK=1`; best run in release:
///
///     KEYWARD_STORE_BENCHMARK=1 swift test -c release -Xswiftc -enable-testing --filter SQLiteBenchmark
@Suite(
    "SQLite benchmarks",
    .serialized,
    .enabled(if: ProcessInfo.processInfo.environment["KEYWARD_STORE_BENCHMARK"] != nil)
)
struct SQLiteBenchmarkTests {
    @Test("Credentials table pages with 100,000 credentials")
    func credentialPages() throws {
        let directory = try TemporaryDirectory(prefix: "keyward-bench")
        // KEYWARD_STORE_BENCHMARK_KEEP=/some/file.sqlite keeps the database for EXPLAIN sessions.
        let path =
            ProcessInfo.processInfo.environment["KEYWARD_STORE_BENCHMARK_KEEP"] ?? directory.path("keyward.sqlite")
        let store = try SQLiteStore(path: path)
        defer { store.close() }
        let build = try measure { try Self.populate(store, credentials: 100_000) }
        print("built 100,000 credentials in \(build)")

        var queries: [(String, CredentialQuery)] = []
        for key in CredentialQuery.SortKey.allCases {
            for ascending in [true, false] {
                queries.append(
                    ("page 1, \(key) \(ascending ? "asc" : "desc")", CredentialQuery(sort: key, ascending: ascending)))
            }
        }
        queries += [
            ("page 2001, created desc", CredentialQuery(offset: 50_000)),
            ("search \"ab\", created desc", CredentialQuery(search: "ab")),
            ("search \"ab\", admin asc", CredentialQuery(search: "ab", sort: .admin, ascending: true)),
            ("search \"ab\", roles desc", CredentialQuery(search: "ab", sort: .roles, ascending: false)),
            (
                "search \"role 7\", description asc",
                CredentialQuery(search: "role 7", sort: .description, ascending: true)
            ),
            ("search \"zzqx\" (no match)", CredentialQuery(search: "zzqx")),
            ("one admin, lastAccess desc", CredentialQuery(adminID: 3, sort: .lastAccess, ascending: false)),
        ]
        for (label, query) in queries {
            // Warm the statement cache and the page cache once, then take the best of three.
            _ = try store.read { try $0.credentials(matching: query) }
            var best = Timing(wall: .seconds(1000), cpu: .seconds(1000))
            var page: CredentialPage?
            for _ in 0..<3 {
                let elapsed = try measure { page = try store.read { try $0.credentials(matching: query) } }
                best = Timing(wall: min(best.wall, elapsed.wall), cpu: min(best.cpu, elapsed.cpu))
            }
            print("\(label): \(best) (\(page?.rows.count ?? 0) rows, \(page?.matching ?? 0) matching)")
        }
    }

    @Test("Authentication snapshot with 1,000,000 credentials")
    func snapshot() throws {
        let directory = try TemporaryDirectory(prefix: "keyward-bench")
        // KEYWARD_STORE_BENCHMARK_1M=/some/file.sqlite reuses (or builds and keeps) the database.
        let kept = ProcessInfo.processInfo.environment["KEYWARD_STORE_BENCHMARK_1M"]
        let reuse = kept.map { FileManager.default.fileExists(atPath: $0) } ?? false
        let store = try SQLiteStore(path: kept ?? directory.path("keyward.sqlite"))
        defer { store.close() }
        if !reuse {
            let build = try measure { try Self.populate(store, credentials: 1_000_000) }
            print("built 1,000,000 credentials in \(build)")
        }
        for run in 1...3 {
            var count = 0
            let elapsed = try measure { count = try store.read { try $0.authSnapshot() }.credentials.count }
            print("snapshot \(run): \(count) credentials in \(elapsed)")
        }
    }

    private func measure(_ body: () throws -> Void) throws -> Timing {
        let clock = ContinuousClock()
        let start = clock.now
        let cpuStart = Timing.threadCPUTime()
        try body()
        return Timing(wall: clock.now - start, cpu: Timing.threadCPUTime() - cpuStart)
    }

    /// 50 admins, 20 roles, and `count` credentials with 0 to 3 roles, varied descriptions, and
    /// last access on two thirds of them.
    private static func populate(_ store: any Store, credentials count: Int) throws {
        var random = SplitMix64(seed: 42)
        let words = ["alpha", "billing", "deploy", "backup", "reports", "sync", "abacus", "crm", "ops", "ledger"]
        let (admins, roles) = try store.write { tx in
            let admins = try (0..<50).map { index in
                try Fixtures.admin(
                    in: tx, username: "admin\(index)", firstName: "First\(index % 7)", lastName: "Last\(index)"
                ).id
            }
            let roles = try (0..<20).map { try Fixtures.role(in: tx, name: "Role \($0)").id }
            return (admins, roles)
        }
        let batch = 20_000
        for start in stride(from: 0, to: count, by: batch) {
            try store.write { tx in
                for index in start..<min(start + batch, count) {
                    let roleCount = Int(random.next() % 4)
                    let used = random.next() % 3
                    let identifier = "kw" + String(random.next(), radix: 36) + String(index, radix: 36)
                    let description = "\(words[Int(random.next() % 10)]) \(words[Int(random.next() % 10)]) \(index)"
                    _ = try Fixtures.credential(
                        in: tx,
                        adminID: admins[Int(random.next() % 50)],
                        identifier: identifier,
                        description: description,
                        roleIDs: (0..<roleCount).map { _ in roles[Int(random.next() % 20)] },
                        at: Fixtures.epoch.addingTimeInterval(Double(index)),
                        lastAccessAt: used == 0
                            ? nil : Fixtures.epoch.addingTimeInterval(Double(random.next() % 1_000_000)),
                        lastAccessIP: used == 0 ? nil : "192.0.2.\(random.next() % 255)"
                    )
                }
            }
        }
    }
}

/// Wall-clock and CPU time of the measuring thread; CPU time is the steadier figure on a busy machine.
private struct Timing: CustomStringConvertible {
    var wall: Duration
    var cpu: Duration

    var description: String {
        func ms(_ duration: Duration) -> String {
            let value = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
            return String(Int((value * 10).rounded())).inserting(".", fromEnd: 1) + " ms"
        }
        return "\(ms(wall)) wall, \(ms(cpu)) CPU"
    }

    static func threadCPUTime() -> Duration {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return .seconds(time.tv_sec) + .nanoseconds(time.tv_nsec)
    }
}

extension String {
    fileprivate func inserting(_ separator: Character, fromEnd offset: Int) -> String {
        var text = count <= offset ? String(repeating: "0", count: offset - count + 1) + self : self
        text.insert(separator, at: text.index(text.endIndex, offsetBy: -offset))
        return text
    }
}

/// A small deterministic generator, so every run builds the same rows.
private struct SplitMix64 {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
