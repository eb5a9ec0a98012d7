public import Cloud
import Foundation
import GRDB

/// The ``ItemStore`` of the local cloud: the single table in one SQLite file in WAL mode, with DynamoDB's
/// semantics (conditions, all-or-nothing transactions, the 400 KB item limit, TTL, the GSI1 index, cursors).
///
/// Each operation is one short SQLite transaction that runs on the caller's thread: SQLite serialises the writers
/// and WAL lets readers proceed beside them, so a conditional write reads, checks and writes atomically, and two
/// writers racing on one item never both win. A write that returned is in the WAL file, so it survives the process
/// being killed; with ``Durability/powerLoss`` it is also synced to the disk.
public final class SQLiteItemStore: ItemStore {
    /// How hard a returned write is kept.
    public enum Durability: Sendable {
        /// Survives the process crashing or being killed (`synchronous = NORMAL`).
        case processCrash
        /// Survives the machine losing power too (`synchronous = FULL`): each commit waits for the disk.
        case powerLoss
    }

    private let pool: DatabasePool
    private let pointReader: SQLitePointReader
    private let clock: any Clock

    /// Opens (creating if needed) the store in the SQLite file at `path`, then purges items whose TTL passed.
    /// - Parameter clock: The clock for TTL; the system clock by default.
    public init(
        path: String,
        durability: Durability = .processCrash,
        clock: any Clock = SystemClock()
    ) throws(ItemStoreError) {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: durability == .powerLoss ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL")
        }
        do {
            self.pool = try DatabasePool(path: path, configuration: configuration)
            try self.pool.write { db in try StoreSchema.migrate(db) }
        } catch {
            throw .unavailable("cannot open \(path): \(error)")
        }
        self.pointReader = SQLitePointReader(path: path)
        self.clock = clock
        _ = try self.purgeExpiredItems()
    }

    // MARK: Single-item operations

    public func put(_ item: Item, condition: Condition?, returning: ReturnValues) throws(ItemStoreError) -> Item? {
        _ = try item.validatedSize()
        guard returning == .none || returning == .allOld else {
            throw .validation("A put returns nothing or the old item only")
        }
        let row = StoredItem(item)
        guard condition != nil || returning != .none else {
            try self.write { db in try row.save(in: db) }
            return nil
        }
        let now = self.clock.nowSeconds
        return try self.writeTransaction { db in
            let old = try StoredItem.fetchVisible(row.key, in: db, nowSeconds: now)
            try TransactionAction.check(condition, on: old)
            try row.save(in: db, over: old)
            return returning.select(old: old, new: item, updated: [])
        }
    }

    public func get(_ key: ItemKey) throws(ItemStoreError) -> Item? {
        try self.pointReader.item(key, nowSeconds: self.clock.nowSeconds)
    }

    public func delete(_ key: ItemKey, condition: Condition?, returning: ReturnValues) throws(ItemStoreError) -> Item? {
        guard returning == .none || returning == .allOld else {
            throw .validation("A delete returns nothing or the old item only")
        }
        guard condition != nil || returning != .none else {
            try self.write { db in try StoredItem.delete(key, in: db) }
            return nil
        }
        let now = self.clock.nowSeconds
        return try self.writeTransaction { db in
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
    ) throws(ItemStoreError) -> Item? {
        let now = self.clock.nowSeconds
        return try self.writeTransaction { db in
            let old = try StoredItem.fetchVisible(key, in: db, nowSeconds: now)
            try TransactionAction.check(condition, on: old)
            let new = try update.applied(to: old ?? Item(key.attributes))
            _ = try new.validatedSize()
            try StoredItem(new).save(in: db, over: old)
            return returning.select(old: old, new: new, updated: update.updatedAttributes)
        }
    }

    // MARK: Transactions

    public func transactWrite(_ actions: [TransactionAction]) throws(ItemStoreError) {
        let keys = try TransactionAction.validatedKeys(of: actions)
        let now = self.clock.nowSeconds
        try self.writeTransaction { db in
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

    public func query(_ query: ItemQuery) throws(ItemStoreError) -> QueryPage {
        if let limit = query.limit, limit < 1 {
            throw .validation("The query limit must be at least 1, not \(limit)")
        }
        var start: StoreCursor?
        if let cursor = query.cursor {
            start = try StoreCursor(cursor, for: query)
        }
        let now = self.clock.nowSeconds
        return try self.read { db in try StoreQuery(query, after: start, nowSeconds: now).run(in: db) }
    }

    // MARK: TTL

    /// Deletes the items whose time to live has passed and returns how many; until then they are already invisible.
    @discardableResult
    public func purgeExpiredItems() throws(ItemStoreError) -> Int {
        let now = self.clock.nowSeconds
        return try self.write { db in
            try db.execute(sql: "DELETE FROM items WHERE expires_at <= ?", arguments: [now])
            return db.changesCount
        }
    }

    // MARK: Database access

    private func read<T>(_ body: (Database) throws -> T) throws(ItemStoreError) -> T {
        do {
            return try self.pool.unsafeRead(body)
        } catch {
            throw Self.storeError(error)
        }
    }

    /// One statement in SQLite's autocommit mode.
    private func write<T>(_ body: (Database) throws -> T) throws(ItemStoreError) -> T {
        do {
            return try self.pool.writeWithoutTransaction(body)
        } catch {
            throw Self.storeError(error)
        }
    }

    /// Several statements in one immediate transaction, rolled back when `body` throws. The transaction statements
    /// are prepared once and reused.
    private func writeTransaction<T>(_ body: (Database) throws -> T) throws(ItemStoreError) -> T {
        do {
            return try self.pool.writeWithoutTransaction { db in
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
        } catch {
            throw Self.storeError(error)
        }
    }

    private static func storeError(_ error: any Error) -> ItemStoreError {
        (error as? ItemStoreError) ?? .unavailable(String(describing: error))
    }
}
