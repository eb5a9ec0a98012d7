public import Cloud
import Foundation
import GRDB
import GRDBSQLite
import LambdaRuntime

/// The ``ItemStore`` of the local cloud: the single table in one SQLite file in WAL mode, with DynamoDB's
/// semantics (conditions, all-or-nothing transactions, the 400 KB item limit, TTL, the GSI1 index, cursors).
///
/// Each operation is one short SQLite transaction, and none runs on its caller's thread: the store owns its threads
/// (``SQLiteThreads``), so a NIO event loop or a cooperative thread that awaits an operation is free meanwhile.
/// Writes run one at a time on the store's writing thread (SQLite serialises writers anyway), so a conditional
/// write reads, checks and writes atomically, and two writers racing on one item never both win. Reads (`get` on
/// ``SQLitePointReader``'s prepared lookup, queries on GRDB's readers) run on the store's reading threads beside it,
/// and in WAL mode they never wait for a writer.
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
    private let nowSeconds: @Sendable () -> Int64

    /// Opens (creating if needed) the store in the SQLite file at `path`, then purges items whose TTL passed. This,
    /// once before the store serves, is the only SQLite work that runs on the caller's thread.
    /// - Parameter nowSeconds: The clock for TTL, in seconds since the epoch; the system clock by default.
    public init(
        path: String,
        durability: Durability = .processCrash,
        nowSeconds: (@Sendable () -> Int64)? = nil
    ) throws(ItemStoreError) {
        let nowSeconds = nowSeconds ?? { WallClock.nowMilliseconds() / 1000 }
        var configuration = Configuration()
        configuration.busyMode = .timeout(Double(Self.busyTimeout.wholeMilliseconds) / 1000)
        configuration.prepareDatabase { db in
            try db.execute(sql: durability == .powerLoss ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL")
        }
        do {
            self.pool = try DatabasePool(path: path, configuration: configuration)
            try self.pool.write { db in
                try StoreSchema.migrate(db)
                _ = try Self.deleteExpiredItems(in: db, nowSeconds: nowSeconds())
            }
        } catch {
            throw .unavailable("cannot open \(path): \(error)")
        }
        self.pointReader = SQLitePointReader(path: path, busyTimeoutMilliseconds: Int32(Self.busyTimeout.wholeMilliseconds))
        self.threads = SQLiteThreads(readers: 2)
        self.nowSeconds = nowSeconds
    }

    // MARK: Single-item operations

    public func put(_ item: Item, condition: Condition?, returning: ReturnValues) async throws(ItemStoreError) -> Item? {
        _ = try item.validatedSize()
        guard returning == .none || returning == .allOld else {
            throw .validation("A put returns nothing or the old item only")
        }
        let row = StoredItem(item)
        guard condition != nil || returning != .none else {
            try await self.write { db in try row.save(in: db) }
            return nil
        }
        let now = self.nowSeconds()
        return try await self.writeTransaction { db in
            let old = try StoredItem.fetchVisible(row.key, in: db, nowSeconds: now)
            try Self.check(condition, on: old)
            try row.save(in: db, over: old)
            return returning.select(old: old, new: item, updated: [])
        }
    }

    public func get(_ key: ItemKey) async throws(ItemStoreError) -> Item? {
        let now = self.nowSeconds()
        let pointReader = self.pointReader
        return try await self.read { try pointReader.item(key, nowSeconds: now) }
    }

    public func delete(_ key: ItemKey, condition: Condition?, returning: ReturnValues) async throws(ItemStoreError) -> Item? {
        guard returning == .none || returning == .allOld else {
            throw .validation("A delete returns nothing or the old item only")
        }
        guard condition != nil || returning != .none else {
            try await self.write { db in try StoredItem.delete(key, in: db) }
            return nil
        }
        let now = self.nowSeconds()
        return try await self.writeTransaction { db in
            let old = try StoredItem.fetchVisible(key, in: db, nowSeconds: now)
            try Self.check(condition, on: old)
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
        let now = self.nowSeconds()
        return try await self.writeTransaction { db in
            let old = try StoredItem.fetchVisible(key, in: db, nowSeconds: now)
            try Self.check(condition, on: old)
            let new = try update.applied(to: old ?? Item(key.attributes))
            _ = try new.validatedSize()
            try StoredItem(new).save(in: db, over: old)
            return returning.select(old: old, new: new, updated: update.updatedAttributes)
        }
    }

    // MARK: Transactions

    public func transactWrite(_ actions: [TransactionAction]) async throws(ItemStoreError) {
        try Self.validate(actions)
        let now = self.nowSeconds()
        try await self.writeTransaction { db in
            var reasons: [TransactionCancellationReason] = []
            var writes: [PlannedWrite] = []
            for action in actions {
                do {
                    writes.append(try Self.plan(action, in: db, nowSeconds: now))
                    reasons.append(.none)
                } catch let error as ItemStoreError {
                    reasons.append(try Self.cancellationReason(for: error))
                }
            }
            guard reasons.allSatisfy({ $0 == .none }) else { throw ItemStoreError.transactionCanceled(reasons: reasons) }
            for write in writes {
                switch write {
                case .save(let item, let old): try StoredItem(item).save(in: db, over: old)
                case .delete(let key): try StoredItem.delete(key, in: db)
                case .nothing: continue
                }
            }
        }
    }

    /// Checks what DynamoDB checks before it runs a transaction: 1 to 100 actions on distinct items, 4 MB in all.
    private static func validate(_ actions: [TransactionAction]) throws(ItemStoreError) {
        guard !actions.isEmpty, actions.count <= TableSchema.maximumTransactionActions else {
            throw .validation("A transaction has 1 to \(TableSchema.maximumTransactionActions) actions, not \(actions.count)")
        }
        var keys = Set<ItemKey>()
        var totalBytes = 0
        for action in actions {
            guard let key = action.key else {
                throw .validation("One of the required keys was not given a value: \(TableSchema.partitionKey)/\(TableSchema.sortKey)")
            }
            guard keys.insert(key).inserted else {
                throw .validation("Transaction request cannot include multiple operations on one item: \(key)")
            }
            if case .put(let item, _) = action { totalBytes += try item.validatedSize() }
        }
        guard totalBytes <= TableSchema.maximumTransactionBytes else {
            throw .validation("A transaction's items exceed \(TableSchema.maximumTransactionBytes) bytes")
        }
    }

    /// What one action of a transaction writes once every action has passed its checks.
    private enum PlannedWrite {
        /// Write the item over the one there now.
        case save(Item, over: Item?)
        case delete(ItemKey)
        case nothing
    }

    /// Checks one action against the current item and returns what it will write.
    private static func plan(
        _ action: TransactionAction,
        in db: Database,
        nowSeconds: Int64
    ) throws -> PlannedWrite {
        guard let key = action.key else { throw ItemStoreError.validation("The action has no key") }
        let old = try StoredItem.fetchVisible(key, in: db, nowSeconds: nowSeconds)
        switch action {
        case .put(let item, let condition):
            try Self.check(condition, on: old)
            return .save(item, over: old)
        case .update(_, let update, let condition):
            try Self.check(condition, on: old)
            let new = try update.applied(to: old ?? Item(key.attributes))
            _ = try new.validatedSize()
            return .save(new, over: old)
        case .delete(_, let condition):
            try Self.check(condition, on: old)
            return .delete(key)
        case .conditionCheck(_, let condition):
            try Self.check(condition, on: old)
            return .nothing
        }
    }

    /// The reason an action gives for cancelling its transaction; errors that are not about the action propagate.
    private static func cancellationReason(for error: ItemStoreError) throws(ItemStoreError) -> TransactionCancellationReason {
        switch error {
        case .conditionalCheckFailed(let existing): .conditionalCheckFailed(existingItem: existing)
        case .validation(let message): .validation(message)
        case .itemTooLarge: .validation(error.description)
        case .transactionCanceled, .invalidCursor, .unavailable: throw error
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
        let now = self.nowSeconds()
        let pool = self.pool
        return try await self.read { [start] in
            try pool.unsafeRead { db in try StoreQuery(query, after: start, nowSeconds: now).run(in: db) }
        }
    }

    // MARK: TTL

    /// Deletes the items whose time to live has passed and returns how many; until then they are already invisible.
    @discardableResult
    public func purgeExpiredItems() async throws(ItemStoreError) -> Int {
        let now = self.nowSeconds()
        return try await self.write { db in try Self.deleteExpiredItems(in: db, nowSeconds: now) }
    }

    private static func deleteExpiredItems(in db: Database, nowSeconds: Int64) throws -> Int {
        try db.execute(sql: "DELETE FROM items WHERE expires_at <= ?", arguments: [nowSeconds])
        return db.changesCount
    }

    // MARK: Database access

    private static func check(_ condition: Condition?, on item: Item?) throws(ItemStoreError) {
        if let condition, !condition.isSatisfied(by: item) {
            throw .conditionalCheckFailed(existingItem: item)
        }
    }

    /// Runs `body` on a reading thread.
    private func read<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws(ItemStoreError) -> T {
        do {
            return try await self.threads.read(body)
        } catch {
            throw Self.storeError(error)
        }
    }

    /// One statement in SQLite's autocommit mode, on the writing thread.
    private func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(ItemStoreError) -> T {
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
    private func writeTransaction<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(ItemStoreError) -> T {
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
    private static let busy = ItemStoreError.unavailable("another connection held the write lock for \(SQLiteItemStore.busyTimeout)")

    private static func storeError(_ error: any Error) -> ItemStoreError {
        if let error = error as? ItemStoreError { return error }
        if let error = error as? DatabaseError, error.resultCode == .SQLITE_BUSY { return Self.busy }
        return .unavailable(String(describing: error))
    }
}
