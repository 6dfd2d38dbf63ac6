import Dispatch
import FoundationEssentials
import KeywardCore
import KeywardTestSupport
import Synchronization
import Testing

@testable import KeywardPostgres

@Suite("PostgresStore specifics", .enabled(if: PostgresTestDatabase.isConfigured, "KEYWARD_TEST_POSTGRES_URL is unset"))
struct PostgresStoreTests {
    // MARK: Opening

    @Test("The test URL (a password with @ : / ? & % space # ') connects; the display name has no password")
    func urlWithOddPassword() throws {
        let url = try #require(PostgresTestDatabase.url)
        let schema = "kwtest_url_" + UUID().uuidString.lowercased().prefix(8)
        let store = try PostgresStore(url: url + (url.contains("?") ? "&" : "?") + "schema=\(schema)&pool_size=2")
        defer {
            store.close()
            try? PostgresStore.erase(store.configuration)
        }
        let password = try #require(store.configuration.password)
        #expect(password.contains("@") && password.contains(":") && password.contains("/") && password.contains("%"))
        #expect(!store.displayName.contains(password))
        #expect(store.displayName.hasPrefix("postgres://keyward@127.0.0.1:"))
        #expect(store.displayName.hasSuffix("?schema=\(schema)"))
        #expect(try store.read { try $0.groups() }.count == 3)
    }

    @Test("A wrong password is unavailable, and the message names the server, not the password")
    func wrongPassword() throws {
        var configuration = try PostgresTestDatabase.configuration(url: try #require(PostgresTestDatabase.url))
        configuration.password = "definitely-not-the-password-Zq8"
        let error = expectKeywardError(.unavailable) { try PostgresStore(configuration: configuration) }
        #expect(error?.message.hasPrefix("Cannot connect to PostgreSQL:") == true)
        #expect(error?.message.contains("password authentication failed") == true)
        #expect(error.map { "\($0) \(String(describing: $0.cause))" }?.contains("Zq8") == false)
    }

    @Test("A server that is not there is unavailable at once")
    func noServer() throws {
        let error = expectKeywardError(.unavailable) {
            try PostgresStore(url: "postgres://keyward:pw@127.0.0.1:1/keyward?connect_timeout=2")
        }
        #expect(error?.message.contains("Connection refused") == true)
    }

    @Test("The schema version is recorded; a database from a newer Keyward is refused")
    func schemaVersion() throws {
        let clock = ManualClock(Fixtures.epoch.addingTimeInterval(0.25))
        let test = try PostgresTestStore(clock: clock)
        #expect(try test.store.schemaVersion() == PostgresStore.latestSchemaVersion)
        #expect(PostgresStore.latestSchemaVersion == 1)
        let rows = try PostgresTestStore.withAdminConnection(test.configuration) { connection in
            try connection.fetchAll("SELECT version, name, applied_at FROM keyward_migrations ORDER BY version") {
                "\($0.int64(0)) \($0.string(1)) \($0.int64(2))"
            }
        }
        #expect(rows == ["1 initial schema \(clock.now().millisecondsSince1970)"])

        try PostgresTestStore.withAdminConnection(test.configuration) { connection in
            try connection.execute(
                "INSERT INTO keyward_migrations (version, name, applied_at) VALUES (99, 'future', 0)")
        }
        let error = expectKeywardError(.storage) { try test.sibling() }
        #expect(error?.message.contains("schema version 99") == true)
    }

    @Test("Nodes starting together on a new schema migrate it exactly once")
    func concurrentOpen() throws {
        let test = try PostgresTestStore()
        try PostgresStore.erase(test.configuration)
        let failures = Mutex<[String]>([])
        let stores = Mutex<[PostgresStore]>([])
        DispatchQueue.concurrentPerform(iterations: 6) { _ in
            do {
                let store = try test.sibling()
                stores.withLock { $0.append(store) }
            } catch {
                failures.withLock { $0.append("\(error)") }
            }
        }
        #expect(failures.withLock { $0 } == [])
        let opened = stores.withLock { $0 }
        #expect(opened.count == 6)
        #expect(try opened[0].read { try $0.groups() }.map(\.id) == [1, 2, 3])
        let migrations = try PostgresTestStore.withAdminConnection(test.configuration) { connection in
            try connection.fetchOne("SELECT count(*) FROM keyward_migrations") { $0.int64(0) }
        }
        #expect(migrations == 1)
        for store in opened { store.close() }
    }

    @Test("Two schemas of one database are separate Keyward installations")
    func schemasAreSeparate() throws {
        let first = try PostgresTestStore()
        let second = try PostgresTestStore()
        try first.store.write { tx in _ = try Fixtures.admin(in: tx, username: "alice") }
        #expect(try second.store.read { try $0.admins() }.isEmpty)
        #expect(try first.store.read { try $0.admins() }.count == 1)
    }

    // MARK: Transactions

    @Test("A nested transaction on the same thread fails at once instead of waiting for the write lock")
    func nested() throws {
        let test = try PostgresTestStore()
        let store = test.store
        try store.write { tx throws in
            let clock = ContinuousClock()
            let start = clock.now
            expectKeywardError(.internal) { try store.write { try $0.admins() } }
            expectKeywardError(.internal) { try store.read { try $0.admins() } }
            #expect(clock.now - start < .seconds(1))
            _ = try Fixtures.admin(in: tx, username: "alice")
        }
        #expect(try store.read { try $0.admins() }.count == 1)
    }

    @Test("A read transaction cannot write")
    func writeInRead() throws {
        let test = try PostgresTestStore()
        expectKeywardError(.internal) { try test.store.read { tx in try tx.setSetting("k", to: "v") } }
        expectKeywardError(.internal) { try test.store.read { tx in try tx.appendChange(.all, id: 0) } }
        #expect(try test.store.read { try $0.settings() }.isEmpty)
    }

    @Test("A transaction used after its closure fails")
    func escapedTransaction() throws {
        let test = try PostgresTestStore()
        let escaped = try test.store.read { $0 }
        expectKeywardError(.internal) { try escaped.admins() }
        let escapedWrite = try test.store.write { $0 }
        expectKeywardError(.internal) { try escapedWrite.setSetting("k", to: "v") }
        #expect(try test.store.read { try $0.settings() }.isEmpty)
    }

    @Test("After a failed statement the transaction keeps failing and never commits")
    func abortedTransaction() throws {
        let test = try PostgresTestStore()
        try test.store.write { tx in _ = try Fixtures.admin(in: tx, username: "taken") }
        let error = expectKeywardError(.conflict) {
            try test.store.write { tx throws in
                try tx.setSetting("before", to: "1")
                _ = try? Fixtures.admin(in: tx, username: "TAKEN")
                // PostgreSQL aborted the transaction: the first error comes back.
                let again = expectKeywardError(.conflict) { try tx.setSetting("after", to: "1") }
                #expect(again?.message == "An admin with this username already exists")
            }
        }
        #expect(error?.message == "An admin with this username already exists")
        #expect(try test.store.read { try $0.settings() }.isEmpty)
    }

    @Test("Readers see the last commit while a write is open")
    func readersDoNotWaitForTheWriter() throws {
        let test = try PostgresTestStore()
        let store = test.store
        let inside = DispatchSemaphore(value: 0)
        let readDone = DispatchSemaphore(value: 0)
        let seen = Mutex<[String]?>(nil)
        DispatchQueue(label: "reader").async {
            inside.wait()
            let names = try? store.read { try $0.admins().map(\.username) }
            seen.withLock { $0 = names }
            readDone.signal()
        }
        try store.write { tx throws in
            _ = try Fixtures.admin(in: tx, username: "uncommitted")
            inside.signal()
            #expect(readDone.wait(timeout: .now() + 10) == .success)
        }
        #expect(seen.withLock { $0 } == [])
        #expect(try store.read { try $0.admins() }.map(\.username) == ["uncommitted"])
    }

    @Test("A write waiting for another node's write past the statement timeout is unavailable")
    func busy() throws {
        let test = try PostgresTestStore { $0.statementTimeoutMilliseconds = 300 }
        let other = try test.sibling()
        defer { other.close() }
        let holding = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        DispatchQueue(label: "holder").async {
            try? other.write { tx in
                try tx.setSetting("held", to: "1")
                holding.signal()
                _ = release.wait(timeout: .now() + 10)
            }
        }
        holding.wait()
        let clock = ContinuousClock()
        let start = clock.now
        let error = expectKeywardError(.unavailable) { try test.store.write { try $0.setSetting("k", to: "v") } }
        release.signal()
        #expect(error?.message == "The database is busy; try again")
        #expect((error?.cause as? PostgresError)?.sqlState == "57014")
        #expect(clock.now - start < .seconds(5))
        // The connection that timed out is usable again.
        try test.store.write { try $0.setSetting("k", to: "v") }
        #expect(try test.store.read { try $0.settings() } == ["held": "1", "k": "v"])
    }

    @Test("A small pool serves many threads in turn and never opens more connections")
    func smallPool() throws {
        let test = try PostgresTestStore(poolSize: 2)
        try test.store.write { tx in _ = try Fixtures.admin(in: tx, username: "alice") }
        let failures = Mutex<[String]>([])
        let most = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<20 {
                do {
                    guard try test.store.read({ try $0.admins() }).count == 1 else { throw Boom() }
                    most.max(test.store.pool.openCount, ordering: .relaxed)
                } catch {
                    failures.withLock { $0.append("\(error)") }
                }
            }
        }
        #expect(failures.withLock { $0 } == [])
        #expect(most.load(ordering: .relaxed) <= 2)
        #expect(try test.connectionCount() <= 2)
    }

    // MARK: Errors

    @Test("Conflict messages name the entity and never the value")
    func conflictMessages() throws {
        let test = try PostgresTestStore()
        let store = test.store
        let secretish = "Zq8VALUE_THAT_MUST_NOT_LEAK"
        let admin = try store.write { tx throws in
            try Fixtures.group(in: tx, name: secretish)
            try Fixtures.role(in: tx, name: secretish)
            let admin = try Fixtures.admin(in: tx, username: secretish)
            try Fixtures.credential(in: tx, adminID: admin.id, identifier: secretish)
            try tx.insertSession(
                AdminSession(
                    tokenHash: Digest32(words: (1, 2, 3, 4)), adminID: admin.id, csrfToken: "c",
                    createdAt: Fixtures.epoch, lastSeenAt: Fixtures.epoch, expiresAt: Fixtures.epoch,
                    clientIP: secretish, userAgent: secretish))
            return admin
        }
        let cases: [(String, (any StoreTransaction) throws -> Void)] = [
            (
                "An admin group with this name already exists",
                { try Fixtures.group(in: $0, name: secretish.lowercased()) }
            ),
            ("An API role with this name already exists", { try Fixtures.role(in: $0, name: secretish.lowercased()) }),
            (
                "An admin with this username already exists",
                { try Fixtures.admin(in: $0, username: secretish.lowercased()) }
            ),
            (
                "A credential with this identifier already exists",
                { try Fixtures.credential(in: $0, adminID: admin.id, identifier: secretish) }
            ),
            (
                "The admin group still has admins; move them to another group first",
                { try $0.deleteGroup(id: admin.groupID) }
            ),
            (
                "The credential's admin or one of its API roles does not exist",
                { try Fixtures.credential(in: $0, adminID: admin.id, roleIDs: [987_654]) }
            ),
            ("One of the API roles does not exist", { try $0.setCredentialRoles(id: 1, roleIDs: [987_654]) }),
            ("The admin group does not exist", { try Fixtures.admin(in: $0, username: "x", groupID: 987_654) }),
            (
                "This network is already on the allowlist",
                {
                    for _ in 0..<2 {
                        _ = try $0.insertAllowlistEntry(AllowlistEntry(network: secretish, createdAt: Fixtures.epoch))
                    }
                }
            ),
            (
                "A session with this token already exists",
                {
                    try $0.insertSession(
                        AdminSession(
                            tokenHash: Digest32(words: (1, 2, 3, 4)), adminID: admin.id, csrfToken: "c",
                            createdAt: Fixtures.epoch, lastSeenAt: Fixtures.epoch, expiresAt: Fixtures.epoch,
                            clientIP: secretish, userAgent: secretish))
                }
            ),
        ]
        for (message, operation) in cases {
            let error = expectKeywardError(.conflict) { try store.write(operation) }
            #expect(error?.message == message)
            #expect(error.map { "\($0) \(String(describing: $0.cause))" }?.contains(secretish) == false)
            #expect(error.map { "\($0) \(String(describing: $0.cause))" }?.contains(secretish.lowercased()) == false)
        }
    }

    @Test("Text PostgreSQL cannot store is invalid input, not a crash")
    func nulCharacter() throws {
        let test = try PostgresTestStore()
        let error = expectKeywardError(.invalidInput) { try test.store.write { try $0.setSetting("k", to: "a\u{0}b") } }
        #expect(error?.message == "The text contains a character the database cannot store")
    }

    // MARK: Data

    @Test("Last access never moves back in time; of two records for one credential the newer wins")
    func lastAccessMonotonic() throws {
        let test = try PostgresTestStore()
        let store = test.store
        let credential = try store.write { tx throws in
            let admin = try Fixtures.admin(in: tx, username: "alice")
            return try Fixtures.credential(in: tx, adminID: admin.id)
        }
        let newer = Fixtures.epoch.addingTimeInterval(100)
        try store.write { tx in
            try tx.recordLastAccess([LastAccess(credentialID: credential.id, time: newer, ip: "192.0.2.2")])
        }
        try store.write { tx throws in
            try tx.recordLastAccess([LastAccess(credentialID: credential.id, time: Fixtures.epoch, ip: "192.0.2.1")])
        }
        var stored = try store.read { try $0.credential(id: credential.id) }
        #expect(stored?.lastAccessAt == newer)
        #expect(stored?.lastAccessIP == "192.0.2.2")

        let newest = newer.addingTimeInterval(5)
        try store.write { tx throws in
            try tx.recordLastAccess([
                LastAccess(credentialID: credential.id, time: newest, ip: "192.0.2.5"),
                LastAccess(credentialID: credential.id, time: newer.addingTimeInterval(1), ip: "192.0.2.3"),
                LastAccess(credentialID: credential.id, time: newest, ip: "192.0.2.6"),
            ])
        }
        stored = try store.read { try $0.credential(id: credential.id) }
        #expect(stored?.lastAccessAt == newest)
        #expect(stored?.lastAccessIP == "192.0.2.6")
    }

    @Test("Text sorts by bytes and folds ASCII case only, whatever the database's locale")
    func collation() throws {
        let test = try PostgresTestStore()
        try test.store.write { tx throws in
            for name in ["rb", "rA", "r_x", "rZ", "rÉ"] { try Fixtures.role(in: tx, name: name) }
            try tx.replaceActions(["b", "A", "Z", "_c"].map { ActionDescriptor(name: $0, category: "c", summary: "") })
        }
        // Roles sort by their lower-cased key, compared as bytes ("_" 0x5F before "a" 0x61; "é" last).
        #expect(try test.store.read { try $0.roles() }.map(\.name) == ["r_x", "rA", "rb", "rZ", "rÉ"])
        // Actions by name, as bytes: upper case first, as in SQLite.
        #expect(try test.store.read { try $0.actions() }.map(\.name) == ["A", "Z", "_c", "b"])
        // Keys are Swift's lower-casing, so non-ASCII names match case-insensitively too.
        #expect(try test.store.read { try $0.role(named: "RÉ") }?.name == "rÉ")
    }
}
