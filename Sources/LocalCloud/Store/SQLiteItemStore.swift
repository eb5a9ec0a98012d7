public import Cloud
import Foundation
import GRDB
import GRDBSQLite

/// The ``ItemStore`` of the local cloud: the single table in one SQLite file in WAL mode, with DynamoDB's
/// semantics (conditions, all-or-nothing transactions, the 400 KB item limit, TTL, the GSI1 index, cursors).
///
/// Each operation is one short SQLite transaction. Everything that can wait runs on threads the store owns
/// (``SQLiteThreads``), so a NIO event loop or a cooperative thread that awaits an operation is free meanwhile:
/// writes run one at a time on the store's writing thread (SQLite serialises writers anyway), so a conditional
/// write reads, checks and writes atomically, and two writers racing on one item never both win; queries run on GRDB's
/// readers on the store's reading threads beside it. The one exception is the point read (`get`), the hot path of
/// most requests: ``SQLitePointReader``'s prepared lookup on a `query_only` connection in WAL mode never waits for a
/// writer and costs a few microseconds, an order of magnitude less than handing it to another thread and back, so it
/// runs on the caller's thread.
///
/// A write waits at most ``busyTimeout`` from the moment it is asked for, queueing behind other writes included, for a
/// lock another connection holds (another process on the same file); then it fails with
/// ``ItemStoreError/unavailable(_:)``, which a function's HTTP router answers 503 with `Retry-After`.
///
/// A write that returned is in the WAL file, so it survives the process being killed; with
/// ``Durability/powerLoss`` it is also synced to the disk.
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

    private let pool: DatabasePool
    private let pointReader: SQLitePointReader
    private let threads: SQLiteThreads
    private let clock: any Clock

    /// Opens (creating if needed) the store in the SQLite file at `path`, then purges items whose TTL passed. This,
    /// once before the store serves, is the only SQLite work that runs on the caller's thread.
    /// - Parameter clock: The clock for TTL; the system clock by default.
    public init(
        path: String,
        durability: Durability = .processCrash,
        clock: any Clock = SystemClock()
    ) throws(ItemStoreError) {
        var configuration = Configuration()
        configuration.busyMode = .timeout(Double(Self.busyTimeout.wholeMilliseconds) / 1000)
        configuration.prepareDatabase { db in
            try db.execute(sql: durability == .powerLoss ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL")
        }
        do {
            self.pool = try DatabasePool(path: path, configuration: configuration)
            try self.pool.write { db in
                try StoreSchema.migrate(db)
                _ = try Self.deleteExpiredItems(in: db, nowSeconds: clock.nowSeconds)
            }
        } catch {
            throw .unavailable("cannot open \(path): \(error)")
        }
        self.pointReader = SQLitePointReader(
            path: path, busyTimeoutMilliseconds: Int32(Self.busyTimeout.wholeMilliseconds))
        self.threads = SQLiteThreads(readers: 2)
        self.clock = clock
    }

    // MARK: Single-item operations

    public func put(_ item: Item, condition: Condition?, returning: ReturnValues) async throws(ItemStoreError) -> Item?
    {
        _ = try item.validatedSize()
        guard returning == .none || returning == .allOld else {
            throw .validation("A put returns nothing or the old item only")
        }
        let row = StoredItem(item)
        guard condition != nil || returning != .none else {
            try await self.write { db in try row.save(in: db) }
            return nil
        }
        let now = self.clock.nowSeconds
        return try await self.writeTransaction { db in
            let old = try StoredItem.fetchVisible(row.key, in: db, nowSeconds: now)
            try TransactionAction.check(condition, on: old)
            try row.save(in: db, over: old)
            return returning.select(old: old, new: item, updated: [])
        }
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
        let now = self.clock.nowSeconds
        return try await self.writeTransaction { db in
            let old = try StoredItem.fetchVisible(key, in: db, nowSeconds: now)
            try TransactionAction.check(condition, on: old)
            try StoredItem.delete(key, in: db)
            return returning.select(old: old, new: nil, updated: [])
        }
    }

    public func update(
        _ key: ItemKey,
        _ update: ItemUpdate,
        condition: Condition?,
        returning: ReturnValues
    ) async throws(ItemStoreError) -> Item? {
        let now = self.clock.nowSeconds
        return try await self.writeTransaction { db in
            let old = try StoredItem.fetchVisible(key, in: db, nowSeconds: now)
            try TransactionAction.check(condition, on: old)
            let new = try update.applied(to: old ?? Item(key.attributes))
            _ = try new.validatedSize()
            try StoredItem(new).save(in: db, over: old)
            return returning.select(old: old, new: new, updated: update.updatedAttributes)
        }
    }

    // MARK: Transactions

    public func transactWrite(_ actions: [TransactionAction]) async throws(ItemStoreError) {
        let keys = try TransactionAction.validatedKeys(of: actions)
        let now = self.clock.nowSeconds
        try await self.writeTransaction { db in
            let olds = try keys.map { key in try StoredItem.fetchVisible(key, in: db, nowSeconds: now) }
            for (write, old) in zip(try TransactionAction.plan(actions, over: olds), olds) {
                switch write {
                case .save(let item): try StoredItem(item).save(in: db, over: old)
                case .delete(let key): try StoredItem.delete(key, in: db)
                case .nothing: continue
                }
            }
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
        let pool = self.pool
        return try await self.read { [start] in
            try pool.unsafeRead { db in try StoreQuery(query, after: start, nowSeconds: now).run(in: db) }
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

    // MARK: Database access

    /// Runs `body` on a reading thread.
    private func read<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws(ItemStoreError) -> T {
        do {
            return try await self.threads.read(body)
        } catch {
            throw Self.storeError(error)
        }
    }

    /// One statement in SQLite's autocommit mode, on the writing thread.
    private func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(ItemStoreError)
        -> T
    {
        let deadline = ContinuousClock.now + Self.busyTimeout
        let pool = self.pool
        do {
            return try await self.threads.write {
                try pool.writeWithoutTransaction { db in
                    try Self.waitForLocks(until: deadline, on: db)
                    return try body(db)
                }
            }
        } catch {
            throw Self.storeError(error)
        }
    }

    /// Several statements in one immediate transaction on the writing thread, rolled back when `body` throws. The
    /// transaction statements are prepared once and reused.
    private func writeTransaction<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T)
        async throws(ItemStoreError) -> T
    {
        try await self.write { db in
            try db.cachedStatement(sql: "BEGIN IMMEDIATE TRANSACTION").execute()
            do {
                let result = try body(db)
                try db.cachedStatement(sql: "COMMIT TRANSACTION").execute()
                return result
            } catch {
                if db.isInsideTransaction {
                    try db.cachedStatement(sql: "ROLLBACK TRANSACTION").execute()
                }
                throw error
            }
        }
    }

    /// Lets the write about to run on `db` wait for another connection's lock until `deadline` only, the time it
    /// already spent in the queue included; past it, the write fails without waiting.
    private static func waitForLocks(until deadline: ContinuousClock.Instant, on db: Database) throws(ItemStoreError) {
        let remaining = (deadline - .now).wholeMilliseconds
        guard remaining > 0 else { throw Self.busy }
        sqlite3_busy_timeout(db.sqliteConnection, Int32(clamping: remaining))
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
