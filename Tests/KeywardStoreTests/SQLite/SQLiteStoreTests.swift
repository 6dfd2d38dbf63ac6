import Dispatch
import FoundationEssentials
import KeywardCore
import KeywardTestSupport
import Synchronization
import Testing

@testable import KeywardSQLite

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite("SQLiteStore specifics")
struct SQLiteStoreTests {
    // MARK: Opening

    @Test("A new file is private (0600), as are its WAL files")
    func filePermissions() throws {
        let directory = try TemporaryDirectory()
        let store = try TestStores.sqliteFile(in: directory)
        defer { store.close() }
        try store.write { tx in _ = try Fixtures.admin(in: tx, username: "alice") }
        // A reader keeps the WAL index open.
        _ = try store.read { try $0.admins() }
        for suffix in ["", "-wal", "-shm"] {
            let path = directory.path("keyward.sqlite" + suffix)
            var status = stat()
            #expect(stat(path, &status) == 0, "\(path)")
            #expect(status.st_mode & 0o777 == 0o600, "\(path)")
        }
    }

    @Test("The display name names the file; the schema version is recorded")
    func displayNameAndVersion() throws {
        let directory = try TemporaryDirectory()
        let clock = ManualClock(Fixtures.epoch.addingTimeInterval(0.25))
        let store = try TestStores.sqliteFile(in: directory, clock: clock)
        #expect(store.displayName == "sqlite:" + directory.path("keyward.sqlite"))
        #expect(try store.schemaVersion() == SQLiteStore.latestSchemaVersion)
        #expect(SQLiteStore.latestSchemaVersion == 1)
        store.close()

        let connection = try SQLiteStore.openConnection(
            location: directory.path("keyward.sqlite"), kind: .file, role: .reader)
        let rows = try connection.fetchAll("SELECT version, name, applied_at FROM keyward_migrations ORDER BY version")
        {
            "\($0.int64(at: 0)) \($0.string(at: 1)) \($0.int64(at: 2))"
        }
        #expect(rows == ["1 initial schema \(clock.now().millisecondsSince1970)"])
        #expect(try SQLiteStore.inMemory().displayName == "sqlite::memory:")
    }

    @Test("A database from a newer Keyward is refused")
    func newerSchema() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("keyward.sqlite")
        try SQLiteStore(path: path).close()
        let connection = try SQLiteStore.openConnection(location: path, kind: .file, role: .writer)
        try connection.execute(
            "INSERT INTO keyward_migrations (version, name, applied_at) VALUES (?, ?, ?)",
            99,
            "from the future",
            0
        )
        connection.close()

        let error = expectKeywardError(.storage) { try SQLiteStore(path: path) }
        #expect(error?.message.contains("99") == true)
    }

    @Test("Two stores opening one new file at once migrate it once")
    func concurrentOpen() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("keyward.sqlite")
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            do {
                try SQLiteStore(path: path).close()
            } catch {
                failures.withLock { $0.append("\(error)") }
            }
        }
        #expect(failures.withLock { $0 } == [])
        let store = try SQLiteStore(path: path)
        defer { store.close() }
        #expect(try store.read { try $0.groups() }.count == 3)
    }

    @Test("Unusable paths and pool sizes are rejected")
    func badArguments() {
        expectKeywardError(.invalidInput) { try SQLiteStore(path: "") }
        expectKeywardError(.invalidInput) { try SQLiteStore(path: ":memory:") }
        expectKeywardError(.invalidInput) { try SQLiteStore.inMemory(poolSize: 0) }
        expectKeywardError(.storage) { try SQLiteStore(path: "/nonexistent-keyward-dir/keyward.sqlite") }
    }

    @Test("In-memory stores are private to each other")
    func inMemoryIsolation() throws {
        let first = try TestStores.sqlite()
        let second = try TestStores.sqlite()
        try first.write { tx in _ = try Fixtures.admin(in: tx, username: "alice") }
        #expect(try second.read { try $0.admins() }.isEmpty)
        #expect(try first.read { try $0.admins() }.count == 1)
    }

    // MARK: Transactions

    @Test("A nested transaction on the same thread fails at once instead of deadlocking")
    func nested() throws {
        let store = try TestStores.sqlite()
        try store.write { tx throws in
            let clock = ContinuousClock()
            let start = clock.now
            expectKeywardError(.internal) { try store.write { try $0.admins() } }
            expectKeywardError(.internal) { try store.read { try $0.admins() } }
            #expect(clock.now - start < .seconds(1))
            // The outer transaction is still usable.
            _ = try Fixtures.admin(in: tx, username: "alice")
        }
        try store.read { _ in
            _ = expectKeywardError(.internal) { try store.read { try $0.admins() } }
        }
        #expect(try store.read { try $0.admins() }.count == 1)
    }

    @Test("A read transaction cannot write")
    func writeInRead() throws {
        let store = try TestStores.sqlite()
        expectKeywardError(.internal) { try store.read { tx in try tx.setSetting("k", to: "v") } }
        #expect(try store.read { try $0.settings() }.isEmpty)
    }

    @Test("A transaction used after its closure fails")
    func escapedTransaction() throws {
        let store = try TestStores.sqlite()
        let escaped = try store.read { $0 }
        expectKeywardError(.internal) { try escaped.admins() }
        let escapedWrite = try store.write { $0 }
        expectKeywardError(.internal) { try escapedWrite.setSetting("k", to: "v") }
        #expect(try store.read { try $0.settings() }.isEmpty)
    }

    @Test("Readers see the last commit while a write is open (WAL)")
    func readersDoNotWaitForTheWriter() throws {
        let directory = try TemporaryDirectory()
        let store = try TestStores.sqliteFile(in: directory)
        defer { store.close() }
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

    @Test("One reader connection serves many threads in turn")
    func smallPool() throws {
        let store = try SQLiteStore.inMemory(poolSize: 1)
        try store.write { tx in _ = try Fixtures.admin(in: tx, username: "alice") }
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<20 {
                do {
                    guard try store.read({ try $0.admins() }).count == 1 else { throw Boom() }
                } catch {
                    failures.withLock { $0.append("\(error)") }
                }
            }
        }
        #expect(failures.withLock { $0 } == [])
    }

    @Test("A database locked by another process past the busy timeout is unavailable")
    func busy() throws {
        let directory = try TemporaryDirectory()
        let store = try TestStores.sqliteFile(in: directory)
        defer { store.close() }
        let other = try SQLiteStore.openConnection(
            location: directory.path("keyward.sqlite"), kind: .file, role: .writer)
        try other.execute("BEGIN IMMEDIATE")
        defer { try? other.execute("ROLLBACK") }
        let error = expectKeywardError(.unavailable) { try store.write { try $0.setSetting("k", to: "v") } }
        #expect(error?.cause is SQLiteError)
    }

    // MARK: Errors

    @Test("Conflict messages name the entity and never the value")
    func conflictMessages() throws {
        let store = try TestStores.sqlite()
        let secretish = "Zq8VALUE_THAT_MUST_NOT_LEAK"
        let admin = try store.write { tx throws in
            try Fixtures.group(in: tx, name: secretish)
            try Fixtures.role(in: tx, name: secretish)
            let admin = try Fixtures.admin(in: tx, username: secretish)
            try Fixtures.credential(in: tx, adminID: admin.id, identifier: secretish)
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
        ]
        for (message, operation) in cases {
            let error = expectKeywardError(.conflict) { try store.write(operation) }
            #expect(error?.message == message)
            #expect(error.map { "\($0) \(String(describing: $0.cause))" }?.contains(secretish) == false)
        }
    }

    @Test("Last access never moves back in time")
    func lastAccessMonotonic() throws {
        let store = try TestStores.sqlite()
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
        let stored = try store.read { try $0.credential(id: credential.id) }
        #expect(stored?.lastAccessAt == newer)
        #expect(stored?.lastAccessIP == "192.0.2.2")
    }

    @Test("Times keep millisecond precision")
    func milliseconds() {
        for milliseconds: Int64 in [0, 1, 999, 1_767_225_600_123, -1] {
            #expect(Date(millisecondsSince1970: milliseconds).millisecondsSince1970 == milliseconds)
        }
        #expect(Date(timeIntervalSince1970: 1.0004).millisecondsSince1970 == 1000)
        #expect(Date(timeIntervalSince1970: 1_767_225_600.123).millisecondsSince1970 == 1_767_225_600_123)
    }

    @Test("LIKE patterns escape wildcards and the escape character")
    func likePattern() {
        #expect("a%b_c\\d".likeContainsPattern == "%a\\%b\\_c\\\\d%")
        #expect("".likeContainsPattern == "%%")
    }
}
