import Cloud
import Foundation
import StratusTesting
import Testing

@testable import LocalCloud

/// The outbox relay on the SQLite store: order per shard, delete after accept, failures, wake-ups and sweeps.
@Suite struct OutboxRelayTests {
    /// `count` events a millisecond apart, oldest first, spread over the shards by their IDs.
    static func events(_ count: Int) throws -> [OutboxEvent] {
        try (0..<count).map { number in
            try OutboxEvent(
                source: "stratus.test", detailType: "ThingHappened",
                time: String(format: "2026-12-02T10:00:%02d.%03dZ", number / 1000, number % 1000),
                detail: ["number": number])
        }
    }

    static func partition(of event: OutboxEvent) -> String {
        guard case .string(let partition)? = event.item[TableSchema.partitionKey] else { return "" }
        return partition
    }

    static let partitions = (0..<OutboxEvent.shardCount).map { "OUTBOX#\($0)" }

    /// Commits a change with `event` in one transaction, as a service does.
    static func commitChange(raising event: OutboxEvent, in store: any ItemStore) async throws {
        try await store.transactWrite([
            .put(["PK": .string("THING#\(event.id)"), "SK": "THING"]),
            .put(event.item),
        ])
    }

    /// How many items the outbox partitions hold.
    static func outboxCount(in store: any ItemStore) async throws -> Int {
        var count = 0
        for partition in Self.partitions {
            count += try await store.query(ItemQuery(partition: partition)).items.count
        }
        return count
    }

    /// Runs `relay` while `body` runs, and stops it after.
    static func whileRunning<T>(_ relay: OutboxRelay, _ body: () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await relay.run() }
            let result = try await body()
            group.cancelAll()
            return result
        }
    }

    /// The IDs in `accepted` that belong to `ids`, each where it was accepted last.
    static func lastAcceptances(_ accepted: [String], of ids: [String]) -> [String] {
        let wanted = Set(ids)
        var seen = Set<String>()
        return accepted.reversed().filter { wanted.contains($0) && seen.insert($0).inserted }.reversed()
    }

    @Test func publishesEachShardInSortKeyOrderAndDeletesEachItemOnlyAfterTheBusAcceptedIt() async throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteItemStore(path: directory.path("store.sqlite"))
        let publisher = OutboxRecordingPublisher(checking: store)
        let events = try Self.events(60)
        try await Self.whileRunning(OutboxRelay(store: store, publisher: publisher)) {
            for event in events {
                try await Self.commitChange(raising: event, in: store)
            }
            try await eventually { try await Self.outboxCount(in: store) == 0 }
        }
        #expect(Set(publisher.accepted) == Set(events.map(\.id)))
        #expect(publisher.accepted.count == events.count, "no repeats without a failure")
        for partition in Self.partitions {
            let expected = events.filter { Self.partition(of: $0) == partition }.map(\.id)
            #expect(publisher.accepted.filter(Set(expected).contains) == expected, "order in \(partition)")
        }
        let deletedEarly = publisher.attempts.filter { !$0.stillStored }.map(\.eventId)
        #expect(deletedEarly.isEmpty, "items deleted before their events were published")
    }

    @Test func aFailedEventStopsItsShardAndIsRetriedWhileTheOtherShardsGoOn() async throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteItemStore(path: directory.path("store.sqlite"))
        let publisher = OutboxRecordingPublisher(checking: store)
        let events = try Self.events(40)
        let stuck = events[0]
        let stuckShard = events.filter { Self.partition(of: $0) == Self.partition(of: stuck) }.map(\.id)
        let otherShards = events.map(\.id).filter { !stuckShard.contains($0) }
        publisher.refuse([stuck.id])
        for event in events {
            try await Self.commitChange(raising: event, in: store)
        }
        let relay = OutboxRelay(
            store: store, publisher: publisher,
            timing: .init(
                sweepInterval: .seconds(120), firstRetryDelay: .milliseconds(5), longestRetryDelay: .milliseconds(40)))
        try await Self.whileRunning(relay) {
            try await eventually {
                Set(publisher.accepted).isSuperset(of: otherShards)
                    && publisher.attempts.filter { $0.eventId == stuck.id }.count >= 3
            }
            let stored = try await store.query(ItemQuery(partition: Self.partition(of: stuck))).items
            #expect(stored.count == stuckShard.count, "the stopped shard deleted an item")
            publisher.acceptAll()
            try await eventually { try await Self.outboxCount(in: store) == 0 }
        }
        #expect(Self.lastAcceptances(publisher.accepted, of: stuckShard) == stuckShard)
        #expect(Set(publisher.accepted) == Set(events.map(\.id)))
    }

    /// The sweep is two minutes away, so only the commit's signal can get each event out in time.
    @Test(.timeLimit(.minutes(1))) func aCommitWakesTheRelayWithoutWaitingForTheSweep() async throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteItemStore(path: directory.path("store.sqlite"))
        let publisher = OutboxRecordingPublisher(checking: store)
        let relay = OutboxRelay(store: store, publisher: publisher, timing: .init(sweepInterval: .seconds(120)))
        let events = try Self.events(12)
        try await Self.whileRunning(relay) {
            for event in events {
                try await Self.commitChange(raising: event, in: store)
                try await eventually(timeout: .seconds(20)) { publisher.accepted.contains(event.id) }
            }
        }
        #expect(publisher.accepted == events.map(\.id))
    }

    /// Another store on the same file stands for a process that crashed with events in the outbox.
    @Test(.timeLimit(.minutes(1))) func itemsLeftFromBeforeTheStartArePublishedAtStart() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("store.sqlite")
        let events = try Self.events(25)
        do {
            let crashed = try SQLiteItemStore(path: path)
            for event in events {
                try await Self.commitChange(raising: event, in: crashed)
            }
        }
        let store = try SQLiteItemStore(path: path)
        let publisher = OutboxRecordingPublisher(checking: store)
        let relay = OutboxRelay(store: store, publisher: publisher, timing: .init(sweepInterval: .seconds(120)))
        try await Self.whileRunning(relay) {
            try await eventually(timeout: .seconds(20)) { try await Self.outboxCount(in: store) == 0 }
        }
        #expect(Set(publisher.accepted) == Set(events.map(\.id)))
    }

    /// Writes of another store on the same file (another process) send no signal: the periodic sweep finds them.
    @Test(.timeLimit(.minutes(1))) func thePeriodicSweepFindsWritesThatSentNoSignal() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("store.sqlite")
        let store = try SQLiteItemStore(path: path)
        let otherProcess = try SQLiteItemStore(path: path)
        let publisher = OutboxRecordingPublisher(checking: store)
        let relay = OutboxRelay(store: store, publisher: publisher, timing: .init(sweepInterval: .milliseconds(50)))
        let events = try Self.events(9)
        try await Self.whileRunning(relay) {
            // Once an event of its own store is out, the relay is past its start-up read.
            try await Self.commitChange(raising: events[0], in: store)
            try await eventually { publisher.accepted == [events[0].id] }
            for event in events.dropFirst() {
                try await Self.commitChange(raising: event, in: otherProcess)
            }
            try await eventually { try await Self.outboxCount(in: store) == 0 }
        }
        #expect(Set(publisher.accepted) == Set(events.map(\.id)))
    }

    @Test func anOutboxItemThatIsNoEventIsDroppedAndItsShardGoesOn() async throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteItemStore(path: directory.path("store.sqlite"))
        let event = try Self.events(1)[0]
        let junk = ItemKey(partition: Self.partition(of: event), sort: "0000#junk")
        try await store.put(Item(junk.attributes))
        try await Self.commitChange(raising: event, in: store)
        let publisher = OutboxRecordingPublisher(checking: store)
        try await Self.whileRunning(OutboxRelay(store: store, publisher: publisher)) {
            try await eventually { try await Self.outboxCount(in: store) == 0 }
        }
        #expect(publisher.accepted == [event.id])
    }

    /// As many requests in flight as saturate the gateway, never answered, stand for a burst that does not end.
    static func saturatedGateway() -> GatewayLoad {
        let load = GatewayLoad()
        for _ in 0..<GatewayLoad.crowd { load.begin() }
        return load
    }

    @Test(.timeLimit(.minutes(1))) func aSaturatedGatewayHoldsTheEventsBackUntilItHasSpareTime() async throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteItemStore(path: directory.path("store.sqlite"))
        let publisher = OutboxRecordingPublisher(checking: store)
        let load = Self.saturatedGateway()
        let relay = OutboxRelay(
            store: store, publisher: publisher, yielding: .init(to: load, maximumDelay: .seconds(50)))
        let events = try Self.events(5)
        try await Self.whileRunning(relay) {
            for event in events {
                try await Self.commitChange(raising: event, in: store)
            }
            try await Task.sleep(for: .milliseconds(500))
            #expect(publisher.attempts.isEmpty, "published while the gateway was saturated")
            #expect(try await Self.outboxCount(in: store) == events.count)
            for _ in 0..<GatewayLoad.crowd { load.end() }
            try await eventually(timeout: .seconds(20)) { try await Self.outboxCount(in: store) == 0 }
        }
        #expect(Set(publisher.accepted) == Set(events.map(\.id)))
    }

    @Test(.timeLimit(.minutes(1))) func eventsHeldBackAsLongAsAllowedGoUnderALoadThatDoesNotEnd() async throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteItemStore(path: directory.path("store.sqlite"))
        let publisher = OutboxRecordingPublisher(checking: store)
        let relay = OutboxRelay(
            store: store, publisher: publisher,
            yielding: .init(to: Self.saturatedGateway(), maximumDelay: .milliseconds(200)))
        // 25 batches a shard: were each to wait its longest, the relay would take 5 s; once one waited, the rest of
        // its shard goes at once.
        let events = try Self.events(OutboxRelay.maximumBatchSize * OutboxEvent.shardCount * 25)
        for event in events {
            try await Self.commitChange(raising: event, in: store)
        }
        let clock = ContinuousClock()
        let start = clock.now
        try await Self.whileRunning(relay) {
            try await eventually(timeout: .seconds(20)) { try await Self.outboxCount(in: store) == 0 }
        }
        #expect(clock.now - start < .seconds(4), "each batch waited its longest, not each shard")
        #expect(Set(publisher.accepted) == Set(events.map(\.id)))
    }
}
