import Cloud
import Foundation
import LambdaRuntime
import NIOPosix
import StratusTesting
import Synchronization
import Testing

@testable import LocalCloud

/// Where the SQLite store's calls run: on the caller's thread when they cannot wait there, on the store's threads
/// when they would, and the WAL is checkpointed by the store, not by a caller.
@Suite struct SQLiteItemStoreThreadTests {
    static let key = ItemKey(partition: "ORDER#1", sort: "DETAILS")
    static let order: Item = ["PK": "ORDER#1", "SK": "DETAILS", "status": "PENDING", "version": 1]

    /// With nothing else holding SQLite's lock and one caller at a time, every kind of write and query runs where it
    /// was called: not one is handed to the store's threads.
    @Test func writesAndQueriesRunOnTheCallersThreadWhenTheirConnectionAndTheLockAreFree() async throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteItemStore(path: directory.path("store.sqlite"))
        try await store.put(Self.order)
        try await store.put(["PK": "ORDER#2", "SK": "DETAILS"], condition: .attributeNotExists("PK"))
        let updated = try await store.update(
            Self.key, ItemUpdate().set("status", to: "CONFIRMED"), condition: .equal("version", 1))
        try await store.transactWrite([
            .update(Self.key, ItemUpdate().set("version", to: 2)),
            .delete(ItemKey(partition: "ORDER#2", sort: "DETAILS"), condition: .attributeExists("PK")),
        ])
        let page = try await store.query(ItemQuery(partition: "ORDER#1"))
        let purged = try await store.purgeExpiredItems()
        try await store.delete(Self.key)

        #expect(updated["status"] == "CONFIRMED")
        #expect(page.items.map { $0["version"] } == [2])
        #expect(purged == 0)
        #expect(try await store.get(Self.key) == nil)
        #expect(store.queuedOperationCount == 0)
    }

    /// Another process holds the write lock. An update called on a one-thread event loop finds it busy at once and
    /// waits on the store's writing thread, so the loop carries on: the caller reads and queries there, and only then
    /// lets the holder go, which it could not do if the update held the loop until its busy timeout. The update then
    /// completes.
    @Test(.timeLimit(.minutes(1))) func aWriteThatFindsTheLockHeldWaitsOnTheStoresThreadNotTheCallers() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("store.sqlite")
        let store = try SQLiteItemStore(path: path)
        try await store.put(Self.order)
        let loop = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let holder = try await WriteLockHolder(path: path, seconds: 30)

        let confirmed = try await withTaskExecutorPreference(EventLoopTaskExecutor(loop.next())) {
            async let confirmed = store.update(
                Self.key, ItemUpdate().set("status", to: "CONFIRMED"), condition: nil, returning: .allNew)
            try await eventually(timeout: .seconds(1)) { store.queuedOperationCount == 1 }
            #expect(try await store.get(Self.key)?["status"] == "PENDING")
            #expect(try await store.query(ItemQuery(partition: "ORDER#1")).items.count == 1)
            #expect(store.queuedOperationCount == 1, "reads do not wait for the write lock, so run where called")
            #expect(try await holder.release() == .asked, "the holder was asked to let go before its time was up")
            return try await confirmed
        }

        #expect(confirmed?["status"] == "CONFIRMED")
        #expect(try await store.get(Self.key)?["status"] == "CONFIRMED")
        try await loop.shutdownGracefully()
    }

    /// Another process holds the write lock while five writes are asked for: all five queue on the store's writing
    /// thread. The first begins its transaction and waits for the lock (with the others, if they were queued before
    /// the thread took it up); the rest queue behind it and, once the lock is let go, commit together in one
    /// transaction: two at most, where one a write would make five. One of them is a conditional put whose
    /// condition fails: it alone is rolled back (its savepoint), the others are committed, as if each had had a
    /// transaction of its own.
    @Test(.timeLimit(.minutes(1))) func writesQueuedTogetherCommitInOneTransactionEachRolledBackAlone() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("store.sqlite")
        let store = try SQLiteItemStore(path: path)
        try await store.put(Self.order)
        let holder = try await WriteLockHolder(path: path, seconds: 30)

        async let first: Void = store.put(["PK": "ORDER#10", "SK": "DETAILS"])
        try await eventually(timeout: .seconds(5)) { store.queuedOperationCount == 1 }
        async let second: Void = store.put(["PK": "ORDER#11", "SK": "DETAILS"])
        async let refused: Item? = store.put(
            ["PK": "ORDER#1", "SK": "DETAILS", "status": "LOST", "lost": true], condition: .attributeNotExists("PK"),
            returning: .none)
        async let third: Item? = store.update(Self.key, ItemUpdate().set("status", to: "CONFIRMED"))
        async let fourth: Void = store.put(["PK": "ORDER#12", "SK": "DETAILS"])
        try await eventually(timeout: .seconds(5)) { store.queuedOperationCount == 5 }
        #expect(try await holder.release() == .asked)

        try await first
        try await second
        do {
            _ = try await refused
            Issue.record("the put whose condition failed was committed")
        } catch ItemStoreError.conditionalCheckFailed {}
        _ = try await third
        try await fourth
        let transactions = store.queuedWriteTransactionCount
        #expect((1...2).contains(transactions), "\(transactions) transactions for five writes")
        let order = try #require(try await store.get(Self.key))
        #expect(order["status"] == "CONFIRMED")
        #expect(order["lost"] == nil && order["version"] == 1, "nothing of the refused put was committed")
        for number in 10...12 {
            #expect(try await store.get(ItemKey(partition: "ORDER#\(number)", sort: "DETAILS")) != nil)
        }
    }

    /// With power-loss durability a commit waits for the disk, so every write runs on the store's writing thread;
    /// a query still runs where it was called.
    @Test func writesThatSyncTheDiskAlwaysRunOnTheStoresThread() async throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteItemStore(path: directory.path("store.sqlite"), durability: .powerLoss)
        try await store.put(Self.order)
        try await store.update(Self.key, ItemUpdate().set("status", to: "CONFIRMED"))
        let page = try await store.query(ItemQuery(partition: "ORDER#1"))

        #expect(page.items.first?["status"] == "CONFIRMED")
        #expect(store.queuedOperationCount == 2)
    }

    /// Writes on the caller's thread never checkpoint, yet the WAL does not grow for ever: about 2,500 pages written
    /// reach the database file itself, which in WAL mode only a checkpoint writes.
    /// Reads that never pause keep SQLite from starting the WAL over after a passive checkpoint, so it grew with every
    /// commit (about 48 MB of WAL for these 16 MB of items). Past its truncation length a checkpoint waits for the
    /// readers of older pages and empties it: with two point readers reading all along, the WAL stays within twice
    /// the length at which checkpoints are queued (1,000 pages).
    @Test(.timeLimit(.minutes(1))) func theWALIsTruncatedWhileReadersNeverPause() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("store.sqlite")
        let store = try SQLiteItemStore(
            path: path, durability: .processCrash, clock: SystemClock(), walPagesBeforeTruncation: 300)
        let reads = try await Self.writeWhileReadersRead(2_000, itemsOf: 8_000, to: store, at: path)
        let wal = try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int ?? 0
        #expect(reads > 100, "the readers read while the store wrote")
        #expect(wal < 8_000_000, "the WAL holds \(wal) bytes after 16 MB were written")
    }

    /// Readers that never pause keep the WAL from starting over, so it stays past 1,000 pages from then on: a
    /// checkpoint is queued each time it grew by 1,000 more, not after every commit that finds it that long.
    @Test(.timeLimit(.minutes(1))) func theWALIsCheckpointedOncePerThousandNewPages() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("store.sqlite")
        let store = try SQLiteItemStore(
            path: path, durability: .processCrash, clock: SystemClock(), walPagesBeforeTruncation: 1_000_000)
        // About 8,000 pages of WAL: each commit writes the item's leaf and overflow pages and the index pages it
        // touches. One checkpoint a 1,000 of them makes 8; one after every commit past the first 1,000, about 100.
        _ = try await Self.writeWhileReadersRead(1_500, itemsOf: 6_000, to: store, at: path)
        try await eventually(timeout: .seconds(20)) { store.checkpointCount >= 2 }
        #expect(store.checkpointCount <= 12, "\(store.checkpointCount) checkpoints for about 8,000 pages")
    }

    @Test(.timeLimit(.minutes(1))) func theStoreCheckpointsTheWALItsCallersFill() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("store.sqlite")
        let store = try SQLiteItemStore(path: path)
        let payload = AttributeValue.string(String(repeating: "x", count: 100_000))
        for number in 0..<100 {
            try await store.put(["PK": "BULK", "SK": .string(String(number)), "payload": payload])
        }
        #expect(store.queuedOperationCount == 0)
        // The first checkpoint is queued by the write that finds 1,000 pages in the WAL and copies what the WAL holds
        // when it runs: at least those pages, about 4 MB, of which a few were rewritten, so the file can stop just
        // short of 4 MB when the writes end before that checkpoint does (a loaded machine). Half of it shows that a
        // checkpoint ran; without one the file keeps its first pages only.
        try await eventually(timeout: .seconds(20)) {
            let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
            return size > 2_000_000
        }
    }

    /// Puts the order, then `count` items with a payload of `payloadSize` bytes, one commit each, while two
    /// ``ContinuousReaders`` read the order from the file at `path` all along; returns how many reads they made.
    private static func writeWhileReadersRead(
        _ count: Int, itemsOf payloadSize: Int, to store: SQLiteItemStore, at path: String
    ) async throws -> Int {
        try await store.put(Self.order)
        let readers = ContinuousReaders(path: path, count: 2, key: Self.key)
        let payload = AttributeValue.string(String(repeating: "x", count: payloadSize))
        for number in 0..<count {
            try await store.put(["PK": "BULK", "SK": .string(String(number)), "payload": payload])
        }
        return readers.stop()
    }
}

/// Point readers that read a store's file over and over on threads of their own, each read a short transaction and
/// a pause of 0.2 ms, as the gateway's request threads read while the store writes.
final class ContinuousReaders: Sendable {
    private let stopped = Atomic<Bool>(false)
    private let reads = Atomic<Int>(0)
    private let finished = DispatchGroup()

    init(path: String, count: Int, key: ItemKey) {
        for _ in 0..<count {
            let reader = SQLitePointReader(path: path, busyTimeoutMilliseconds: 2_000)
            self.finished.enter()
            Thread.detachNewThread { [self] in
                while !self.stopped.load(ordering: .relaxed) {
                    _ = try? reader.item(key, nowSeconds: 0)
                    // A breath between reads, so that the readers do not take the cores from tests running beside;
                    // the WAL grows as it did without them (47.8 MB in both cases).
                    Thread.sleep(forTimeInterval: 0.000_2)
                    self.reads.add(1, ordering: .relaxed)
                }
                self.finished.leave()
            }
        }
    }

    /// Stops the readers and waits for them; returns how many reads they made.
    func stop() -> Int {
        self.stopped.store(true, ordering: .relaxed)
        self.finished.wait()
        return self.reads.load(ordering: .relaxed)
    }
}
