import FoundationEssentials
import KeywardCore
import KeywardTestSupport
import Testing

@Suite("Store conformance: change feed")
struct ChangeFeedConformanceTests {
    @Test("Changes come back in order, after a position, at most a limit", arguments: StoreFactories.all)
    func order(_ factory: StoreFactory) throws {
        try factory.withStore { store throws in
            #expect(try store.read { try $0.latestChangeSeq() } == 0)
            #expect(try store.read { try $0.changes(after: 0, limit: 10) }.isEmpty)

            let appended: [(Change.Entity, Int64)] = Change.Entity.allCases.enumerated().map { ($1, Int64($0 + 1)) }
            for (entity, id) in appended {
                try store.write { tx in try tx.appendChange(entity, id: id) }
            }
            try store.write { tx throws in
                try tx.appendChange(.credential, id: 40)
                try tx.appendChange(.credential, id: 41)
            }

            let all = try store.read { try $0.changes(after: 0, limit: 100) }
            #expect(all.map(\.entity) == appended.map(\.0) + [.credential, .credential])
            #expect(all.map(\.entityID) == appended.map(\.1) + [40, 41])
            #expect(zip(all, all.dropFirst()).allSatisfy { $0.seq < $1.seq })
            #expect(try store.read { try $0.latestChangeSeq() } == all.last?.seq)

            let middle = try store.read { try $0.changes(after: all[1].seq, limit: 2) }
            #expect(middle == Array(all[2...3]))
            #expect(try store.read { try $0.changes(after: all.last!.seq, limit: 10) }.isEmpty)
            #expect(try store.read { try $0.changes(after: 0, limit: 0) }.isEmpty)
        }
    }

    @Test("A rolled-back change never appears", arguments: StoreFactories.all)
    func rolledBack(_ factory: StoreFactory) throws {
        try factory.withStore { store throws in
            try store.write { tx in try tx.appendChange(.admin, id: 1) }
            #expect(throws: Boom.self) {
                try store.write { tx throws in
                    try tx.appendChange(.admin, id: 2)
                    throw Boom()
                }
            }
            try store.write { tx in try tx.appendChange(.admin, id: 3) }
            let changes = try store.read { try $0.changes(after: 0, limit: 10) }
            #expect(changes.map(\.entityID) == [1, 3])
            #expect(changes[0].seq < changes[1].seq)
        }
    }

    @Test("Pruning deletes old changes but keeps the newest", arguments: StoreFactories.all)
    func prune(_ factory: StoreFactory) throws {
        let clock = ManualClock()
        try factory.withStore(clock: clock) { store throws in
            for id in Int64(1)...3 {
                try store.write { tx in try tx.appendChange(.role, id: id) }
                clock.advance(by: 10)
            }
            let latest = try store.read { try $0.latestChangeSeq() }

            // Stamped at epoch, +10 s and +20 s.
            try store.write { tx in try tx.pruneChanges(before: Fixtures.epoch.addingTimeInterval(15)) }
            #expect(try store.read { try $0.changes(after: 0, limit: 10) }.map(\.entityID) == [3])

            try store.write { tx in try tx.pruneChanges(before: Fixtures.epoch.addingTimeInterval(3600)) }
            let left = try store.read { try $0.changes(after: 0, limit: 10) }
            #expect(left.map(\.entityID) == [3])
            #expect(try store.read { try $0.latestChangeSeq() } == latest)

            try store.write { tx in try tx.appendChange(.role, id: 4) }
            #expect(try store.read { try $0.latestChangeSeq() } > latest)
        }
    }
}
