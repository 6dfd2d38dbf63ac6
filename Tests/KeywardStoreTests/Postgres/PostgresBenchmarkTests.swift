import FoundationEssentials
import KeywardCore
import KeywardTestSupport
import Testing

@testable import KeywardPostgres

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Timings of the authentication snapshot and the credentials table on PostgreSQL at scale,
/// printed rather than asserted. Opt in with `KEYWARD_STORE_BENCHMARK=1` and a test database;
/// best run in release:
///
///     KEYWARD_STORE_BENCHMARK=1 scripts/with-postgres.sh \
///         swift test -c release -Xswiftc -enable-testing --filter PostgresBenchmark
@Suite(
    "PostgreSQL benchmarks",
    .serialized,
    .enabled(if: ProcessInfo.processInfo.environment["KEYWARD_STORE_BENCHMARK"] != nil),
    .enabled(if: PostgresTestDatabase.isConfigured, "KEYWARD_TEST_POSTGRES_URL is unset")
)
struct PostgresBenchmarkTests {
    @Test("Authentication snapshot and credential pages with 1,000,000 credentials")
    func snapshot() throws {
        let test = try PostgresTestStore()
        let build = try measure { try Self.populate(test, credentials: 1_000_000) }
        print("built 1,000,000 credentials in \(build)")
        for run in 1...3 {
            var count = 0
            let elapsed = try measure { count = try test.store.read { try $0.authSnapshot() }.credentials.count }
            print("snapshot \(run): \(count) credentials in \(elapsed)")
        }
        let queries: [(String, CredentialQuery)] = [
            ("page 1, created desc", CredentialQuery()),
            ("page 1, admin asc", CredentialQuery(sort: .admin, ascending: true)),
            ("page 1, roles asc", CredentialQuery(sort: .roles, ascending: true)),
            ("page 1, description asc", CredentialQuery(sort: .description, ascending: true)),
            ("page 2001, created desc", CredentialQuery(offset: 50_000)),
            ("search \"ab\", created desc", CredentialQuery(search: "ab")),
            (
                "search \"role 7\", description asc",
                CredentialQuery(search: "role 7", sort: .description, ascending: true)
            ),
            ("search \"zzqx\" (no match)", CredentialQuery(search: "zzqx")),
        ]
        for (label, query) in queries {
            _ = try test.store.read { try $0.credentials(matching: query) }
            let elapsed = try measure { _ = try test.store.read { try $0.credentials(matching: query) } }
            print("\(label): \(elapsed)")
        }
    }

    private func measure(_ body: () throws -> Void) throws -> String {
        let clock = ContinuousClock()
        let start = clock.now
        var before = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &before)
        try body()
        var after = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &after)
        let wall = clock.now - start
        let cpu = Double(after.tv_sec - before.tv_sec) * 1000 + Double(after.tv_nsec - before.tv_nsec) / 1e6
        let wallMS = Double(wall.components.seconds) * 1000 + Double(wall.components.attoseconds) / 1e15
        return "\(Int(wallMS)) ms wall, \(Int(cpu)) ms CPU"
    }

    /// 50 admins, 20 roles and `count` credentials with 0 to 3 roles, written by the server itself
    /// (`generate_series`) so that building a million rows takes seconds, not minutes.
    private static func populate(_ test: PostgresTestStore, credentials count: Int) throws {
        let (admins, roles) = try test.store.write { tx in
            let admins = try (0..<50).map { index in
                try Fixtures.admin(in: tx, username: "admin\(index)", firstName: "First\(index % 7)").id
            }
            let roles = try (0..<20).map { try Fixtures.role(in: tx, name: "Role \($0)").id }
            return (admins, roles)
        }
        try PostgresTestStore.withAdminConnection(test.configuration) { connection in
            try connection.execute("SELECT set_config('statement_timeout', '0', false)")
            try connection.execute(
                """
                INSERT INTO api_credentials (identifier, admin_id, description, key_id, secret_hash, compat_hash,
                    created_at, last_access_at, last_access_ip)
                SELECT 'kw' || md5(i::text), ($1::bigint[])[1 + i % 50], 'bench ' || i, 'bench-key',
                    decode(md5(i::text) || md5(i::text), 'hex'), decode(md5((-i)::text) || md5((-i)::text), 'hex'),
                    $2 + i, CASE WHEN i % 3 = 0 THEN NULL ELSE $2 + i * 7 END,
                    CASE WHEN i % 3 = 0 THEN NULL ELSE '192.0.2.' || (i % 255) END
                FROM generate_series(1, $3::bigint) AS i
                """,
                [PostgresValue.int64Array(admins), Fixtures.epoch, Int64(count)]
            )
            try connection.execute(
                """
                INSERT INTO api_credential_roles (credential_id, role_id)
                SELECT DISTINCT c.id, ($1::bigint[])[1 + (c.id * 7 + k) % 20]
                FROM api_credentials c, generate_series(1, 3) AS k WHERE k <= c.id % 4
                """,
                [PostgresValue.int64Array(roles)]
            )
            try connection.executeScript("VACUUM ANALYZE api_credentials, api_credential_roles")
        }
    }
}
