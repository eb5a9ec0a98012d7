public import Cloud
import Foundation
import GRDB
import GRDBSQLite

/// The ``ItemStore`` of the local cloud: the single table in one SQLite file in WAL mode, with DynamoDB's
/// semantics (conditions, all-or-nothing transactions, the 400 KB item limit, TTL, the GSI1 index, cursors).
///
/// Each operation is one short SQLite transaction, and none ever waits on the caller's thread, so a NIO event loop or
/// a cooperative thread that awaits an operation never stalls. Writes use the store's one writing connection (SQLite
/// admits one writer at a time anyway), so a conditional write reads, checks and writes atomically, and two writers
/// racing on one item never both win; queries use a few read-only connections beside it. Both run on the caller's
/// thread when their connection is free and SQLite's lock is too, and on threads the store owns (``SQLiteThreads``)
/// when they would have to wait (``InlineOrQueuedConnections`` explains why the first is safe); the writes queued
/// together there commit as one transaction, each in a savepoint of its own (``InlineOrGroupedWrites``). The point read
/// (`get`), the hot path of most requests, always runs on the caller's thread: ``SQLitePointReader``'s prepared
/// lookup on a `query_only` connection in WAL mode never waits for a writer.
///
/// A write waits at most ``busyTimeout`` from the moment its transaction begins for a lock another connection holds
/// (another process on the same file); then it fails with ``ItemStoreError/unavailable(_:)``, which a function's HTTP
/// router answers 503 with `Retry-After`.
///
/// A write that returned is in the WAL file, so it survives the process being killed; with
/// ``Durability/powerLoss`` it is also synced to the disk, and so always runs on the store's writing thread.
public final class SQLiteItemStore: ItemStore {
    /// How hard a returned write is kept.
    public enum Durability: Sendable {
        /// Survives the process crashing or being killed (`synchronous = NORMAL`).
        case processCrash
        /// Survives the machine losing power too (`synchronous = FULL`): each commit waits for the disk.
        case powerLoss
    }

    /// How long a write waits for the lock of another connection before it fails: long enough for another
    /// process's short transaction, short enough that a client hears at once that it should retry.
    public static let busyTimeout = Duration.seconds(2)

    /// How many read-only connections queries use: more queries at once than this wait for one on the store's threads.
    static let queryConnections = 4

    private let writer: InlineOrGroupedWrites
    private let checkpoints: WALCheckpoints
    private let readers: InlineOrQueuedConnections
    private let pointReader: SQLitePointReader
    private let clock: any Clock

    /// Signals an outbox partition each time a committed write put an item into it, so that the ``OutboxRelay``
    /// publishes the item at once instead of at its next sweep.
    let outboxCommits = QueueWakeups()

    /// Opens (creating if needed) the store in the SQLite file at `path`, then purges items whose TTL passed. This,
    /// once before the store serves, is the only SQLite work that may wait on the caller's thread.
    /// - Parameter clock: The clock for TTL; the system clock by default.
    public convenience init(
        path: String,
        durability: Durability = .processCrash,
        clock: any Clock = SystemClock()
    ) throws(ItemStoreError) {
        try self.init(
            path: path, durability: durability, clock: clock,
            walPagesBeforeTruncation: WALCheckpoints.pagesBeforeTruncation)
    }

    /// Opens the store as above, its WAL truncated by a checkpoint once it reaches `walPagesBeforeTruncation` pages
    /// (``WALCheckpoints``): a test's small figure shows the truncation without writing 40 MB.
    init(
        path: String, durability: Durability, clock: any Clock, walPagesBeforeTruncation: Int
    ) throws(ItemStoreError) {
        let threads = SQLiteThreads(readers: 2)
        do {
            var writing = Configuration()
            writing.journalMode = .wal
            writing.busyMode = .timeout(Double(Self.busyTimeout.wholeMilliseconds) / 1000)
            let writer = try DatabaseQueue(path: path, configuration: writing)
            let checkpoints = try WALCheckpoints(
                path: path, threads: threads, pagesBeforeTruncation: walPagesBeforeTruncation)
            try writer.inDatabase { db in
                // After GRDB's WAL set-up, which sets NORMAL.
                try db.execute(
                    sql: durability == .powerLoss ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL")
                try StoreSchema.migrate(db)
                _ = try Self.deleteExpiredItems(in: db, nowSeconds: clock.nowSeconds)
                checkpoints.watch(db)
            }
            var reading = Configuration()
            reading.readonly = true
            let readers = try (0..<Self.queryConnections).map { _ in
                try DatabaseQueue(path: path, configuration: reading)
            }
            self.writer = InlineOrGroupedWrites(
                writer, threads: threads, runsInline: durability == .processCrash,
                mustQueue: { checkpoints.isTruncating }, busyTimeout: Self.busyTimeout)
            self.checkpoints = checkpoints
            self.readers = InlineOrQueuedConnections(readers, threads: threads, busyTimeout: Self.busyTimeout)
        } catch {
            throw .unavailable("cannot open \(path): \(error)")
        }
        self.pointReader = SQLitePointReader(
            path: path, busyTimeoutMilliseconds: Int32(Self.busyTimeout.wholeMilliseconds))
        self.clock = clock
    }

    /// How many operations ran on the store's threads because they could not run on the caller's without waiting.
    package var queuedOperationCount: Int { self.writer.queuedCount + self.readers.queuedCount }

    /// How many transactions the writes queued on the store's writing thread committed in.
    package var queuedWriteTransactionCount: Int { self.writer.queuedTransactionCount }

    /// How many checkpoints of the WAL have run (``WALCheckpoints``).
    package var checkpointCount: Int { self.checkpoints.checkpointCount }

    // MARK: Single-item operations

    public func put(_ item: Item, condition: Condition?, returning: ReturnValues) async throws(ItemStoreError) -> Item?
    {
        _ = try item.validatedSize()
        guard returning == .none || returning == .allOld else {
            throw .validation("A put returns nothing or the old item only")
        }
        let row = StoredItem(item)
        let old: Item?
        if condition == nil, returning == .none {
            try await self.write { db in try row.save(in: db) }
            old = nil
        } else {
            old = try await self.write(.put(item, condition: condition), at: row.key, returning: returning)
        }
        self.signalCommittedPut(into: row.key.partition)
        return old
    }

    /// The item at `key`, read on the caller's thread: a WAL reader never waits for the write lock (see the type's
    /// documentation).
    public func get(_ key: ItemKey) async throws(ItemStoreError) -> Item? {
        try self.pointReader.item(key, nowSeconds: self.clock.nowSeconds)
    }

    public func delete(_ key: ItemKey, condition: Condition?, returning: ReturnValues) async throws(ItemStoreError)
        -> Item?
    {
        guard returning == .none || returning == .allOld else {
            throw .validation("A delete returns nothing or the old item only")
        }
        guard condition != nil || returning != .none else {
            try await self.write { db in try StoredItem.delete(key, in: db) }
            return nil
        }
        return try await self.write(.delete(key, condition: condition), at: key, returning: returning)
    }

    public func update(
        _ key: ItemKey,
        _ update: ItemUpdate,
        condition: Condition?,
        returning: ReturnValues
    ) async throws(ItemStoreError) -> Item? {
        try await self.write(.update(key, update, condition: condition), at: key, returning: returning)
    }

    /// Writes `action` over the visible item at `key`, its key, as DynamoDB does (its condition, then its result),
    /// and returns what `returning` asks for.
    private func write(_ action: TransactionAction, at key: ItemKey, returning: ReturnValues)
        async throws(ItemStoreError) -> Item?
    {
        let now = self.clock.nowSeconds
        return try await self.write { db in
            let old = try StoredItem.fetchVisible(key, in: db, nowSeconds: now)
            let new = try StoredItem.store(action.write(over: old), over: old, in: db)
            return returning.select(old: old, new: new, updated: action.updatedAttributes)
        }
    }

    // MARK: Transactions

    public func transactWrite(_ actions: [TransactionAction]) async throws(ItemStoreError) {
        let keys = try TransactionAction.validatedKeys(of: actions)
        let now = self.clock.nowSeconds
        try await self.write { db in
            let olds = try keys.map { key in try StoredItem.fetchVisible(key, in: db, nowSeconds: now) }
            for (write, old) in zip(try TransactionAction.plan(actions, over: olds), olds) {
                try StoredItem.store(write, over: old, in: db)
            }
        }
        for (action, key) in zip(actions, keys) {
            if case .put = action { self.signalCommittedPut(into: key.partition) }
        }
    }

    /// Wakes the outbox relay when `partition`, where a committed write just put an item, is an outbox partition:
    /// a prefix check on every put, and a signal only for outbox items.
    private func signalCommittedPut(into partition: String) {
        if OutboxPartitions.contains(partition) {
            self.outboxCommits.signal(partition)
        }
    }

    // MARK: Queries

    public func query(_ query: ItemQuery) async throws(ItemStoreError) -> QueryPage {
        if let limit = query.limit, limit < 1 {
            throw .validation("The query limit must be at least 1, not \(limit)")
        }
        var start: StoreCursor?
        if let cursor = query.cursor {
            start = try StoreCursor(cursor, for: query)
        }
        let now = self.clock.nowSeconds
        do {
            return try await self.readers.run { [start] db in
                try StoreQuery(query, after: start, nowSeconds: now).run(in: db)
            }
        } catch {
            throw Self.storeError(error)
        }
    }

    // MARK: TTL

    /// Deletes the items whose time to live has passed and returns how many; until then they are already invisible.
    @discardableResult
    public func purgeExpiredItems() async throws(ItemStoreError) -> Int {
        let now = self.clock.nowSeconds
        return try await self.write { db in try Self.deleteExpiredItems(in: db, nowSeconds: now) }
    }

    private static func deleteExpiredItems(in db: Database, nowSeconds: Int64) throws -> Int {
        try db.execute(sql: "DELETE FROM items WHERE expires_at <= ?", arguments: [nowSeconds])
        return db.changesCount
    }

    // MARK: Writing

    /// Runs `body` as one write on the writing connection (``InlineOrGroupedWrites``): all of it committed, or none
    /// of it when `body` throws.
    private func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(ItemStoreError)
        -> T
    {
        do {
            let result = try await self.writer.write(body)
            self.checkpoints.checkpointIfDue()
            return result
        } catch {
            throw Self.storeError(error)
        }
    }

    /// The failure of a write that waited ``busyTimeout`` for another connection's lock.
    private static let busy = ItemStoreError.unavailable(
        "another connection held the write lock for \(SQLiteItemStore.busyTimeout)")

    private static func storeError(_ error: any Error) -> ItemStoreError {
        if let error = error as? ItemStoreError { return error }
        if let error = error as? DatabaseError, error.resultCode == .SQLITE_BUSY { return Self.busy }
        return .unavailable(String(describing: error))
    }
}

extension TransactionAction {
    /// The attributes the action writes, as `ReturnValues.updatedOld` and `.updatedNew` return them: an update's.
    fileprivate var updatedAttributes: Set<String> {
        if case .update(_, let update, _) = self { update.updatedAttributes } else { [] }
    }
}
