import Dispatch
import FoundationEssentials
import KeywardCore
import KeywardTestSupport
import Synchronization
import Testing

@testable import KeywardPostgres

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite(
    "PostgresStore: lost connections, notifications and feed order",
    .enabled(if: PostgresTestDatabase.isConfigured, "KEYWARD_TEST_POSTGRES_URL is unset")
)
struct PostgresResilienceTests {
    // MARK: Lost connections

    @Test("Idle connections terminated by the server are replaced; the next transaction works")
    func idleConnectionsTerminated() throws {
        let test = try PostgresTestStore(poolSize: 3)
        // Open several pooled connections.
        DispatchQueue.concurrentPerform(iterations: 3) { _ in _ = try? test.store.read { try $0.admins() } }
        #expect(try test.terminateConnections() >= 1)
        for _ in 0..<5 {
            #expect(try test.store.read { try $0.groups() }.count == 3)
            try test.store.write { try $0.setSetting("k", to: "v") }
        }
    }

    @Test("A connection lost inside a transaction fails it as unavailable; nothing commits; the next call works")
    func connectionLostMidTransaction() throws {
        let test = try PostgresTestStore()
        try test.store.write { tx in _ = try Fixtures.admin(in: tx, username: "alice") }
        let error = expectKeywardError(.unavailable) {
            try test.store.write { tx throws in
                try tx.setSetting("lost", to: "1")
                try test.terminateConnections()
                pause(seconds: 0.2)
                try tx.setSetting("after", to: "1")
            }
        }
        #expect(error?.message == "The database connection was lost; try again")
        #expect((error?.cause as? PostgresError)?.isConnectionFailure == true)
        #expect(try test.store.read { try $0.settings() }.isEmpty)
        #expect(try test.store.read { try $0.admins() }.map(\.username) == ["alice"])
    }

    @Test("Closing the store closes every connection, the listener's too")
    func closeReleasesConnections() throws {
        let test = try PostgresTestStore()
        let heard = Notifications()
        test.store.observeChanges(heard.record)
        try heard.wait(for: .changed)
        _ = try test.store.read { try $0.admins() }
        #expect(try test.connectionCount() >= 2)
        test.store.close()
        try eventually { try test.connectionCount() == 0 }
    }

    // MARK: Notifications

    @Test("A commit on one node notifies the other within a second; rollbacks and other schemas do not")
    func notifications() throws {
        let test = try PostgresTestStore()
        let other = try test.sibling()
        defer { other.close() }
        let unrelated = try PostgresTestStore()

        let heard = Notifications()
        test.store.observeChanges(heard.record)
        try heard.wait(for: .changed)  // listening
        heard.reset()

        #expect(throws: Boom.self) {
            try other.write { tx throws in
                try tx.appendChange(.admin, id: 1)
                throw Boom()
            }
        }
        try unrelated.store.write { try $0.appendChange(.admin, id: 1) }
        pause(seconds: 0.3)
        #expect(heard.received.isEmpty)

        let clock = ContinuousClock()
        let start = clock.now
        try other.write { tx throws in
            try tx.appendChange(.credential, id: 7)
            try tx.appendChange(.credential, id: 8)
        }
        try heard.wait(for: .changed, timeout: .seconds(1))
        #expect(clock.now - start < .seconds(1))
        pause(seconds: 0.2)
        // Both changes of one commit make one notification.
        #expect(heard.received == [.changed])
    }

    @Test("The listener comes back after its connection is terminated and asks for a full resync")
    func listenerReconnects() throws {
        let test = try PostgresTestStore()
        let heard = Notifications()
        test.store.observeChanges(heard.record)
        try heard.wait(for: .changed)
        heard.reset()
        try test.terminateConnections()
        try heard.wait(for: .resync, timeout: .seconds(5))

        // And it listens again.
        heard.reset()
        let other = try test.sibling()
        defer { other.close() }
        try other.write { try $0.appendChange(.role, id: 3) }
        try heard.wait(for: .changed, timeout: .seconds(1))
    }

    // MARK: Feed order

    @Test("With writers on two nodes, a follower polling the feed never skips a change")
    func followerNeverSkips() throws {
        let test = try PostgresTestStore(poolSize: 6)
        let other = try test.sibling()
        defer { other.close() }
        let admin = try test.store.write { tx in try Fixtures.admin(in: tx, username: "alice") }
        let writersDone = Atomic<Int>(0)
        let failures = Mutex<[String]>([])
        let seen = Mutex<[Int64]>([])
        let group = DispatchGroup()
        let writers = 6
        let writesEach = 25

        for writer in 0..<writers {
            let store = writer.isMultiple(of: 2) ? test.store : other
            DispatchQueue(label: "writer-\(writer)").async(group: group) {
                defer { writersDone.add(1, ordering: .releasing) }
                for _ in 0..<writesEach {
                    do {
                        try store.write { tx throws in
                            // The position is drawn first, then the transaction lingers: without the
                            // write lock a later position could commit before this one.
                            try tx.appendChange(.admin, id: admin.id)
                            _ = try tx.admins()
                            pause(seconds: Double.random(in: 0...0.003))
                            try tx.setSetting("last", to: "\(writer)")
                        }
                    } catch {
                        failures.withLock { $0.append("writer \(writer): \(error)") }
                    }
                }
            }
        }
        DispatchQueue(label: "follower").async(group: group) {
            var cursor: Int64 = 0
            while true {
                let finished = writersDone.load(ordering: .acquiring) == writers
                do {
                    let changes = try test.store.read { try $0.changes(after: cursor, limit: 1_000) }
                    if let last = changes.last { cursor = last.seq }
                    seen.withLock { $0 += changes.map(\.seq) }
                    if finished && changes.isEmpty { return }
                } catch {
                    failures.withLock { $0.append("follower: \(error)") }
                    return
                }
            }
        }
        group.wait()
        #expect(failures.withLock { $0 } == [])
        let all = try test.store.read { try $0.changes(after: 0, limit: 10_000) }.map(\.seq)
        #expect(all.count == writers * writesEach)
        #expect(seen.withLock { $0 } == all)
    }
}

/// Collects what a change listener reports, for tests to wait on.
private final class Notifications: Sendable {
    private let state = Mutex<[ChangeNotification]>([])
    private let signal = DispatchSemaphore(value: 0)

    var record: @Sendable (ChangeNotification) -> Void {
        { [self] notification in
            state.withLock { $0.append(notification) }
            signal.signal()
        }
    }

    var received: [ChangeNotification] { state.withLock { $0 } }

    func reset() { state.withLock { $0.removeAll() } }

    /// Waits until `notification` was received.
    func wait(for notification: ChangeNotification, timeout: Duration = .seconds(10)) throws {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while !received.contains(notification) {
            let left = deadline - clock.now
            guard left > .zero else {
                Issue.record("no \(notification) within \(timeout); received \(received)")
                return
            }
            _ = signal.wait(timeout: .now() + .milliseconds(Int(left.components.seconds * 1000 + 10)))
        }
    }
}

/// Polls `condition` for up to five seconds.
private func eventually(_ condition: () throws -> Bool) throws {
    for _ in 0..<100 {
        if try condition() { return }
        pause(seconds: 0.05)
    }
    Issue.record("condition not met within 5 seconds")
}

/// Blocks the calling thread.
private func pause(seconds: Double) {
    usleep(UInt32(seconds * 1_000_000))
}
