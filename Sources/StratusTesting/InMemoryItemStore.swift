public import Cloud
import Identifiers
import Synchronization

/// An ``ItemStore`` in memory, for tests that need a store but no file: DynamoDB's semantics as the SQLite store
/// has them (conditions, updates, all-or-nothing transactions, the item and page limits, time to live on its
/// clock, the GSI1 index, cursors), held to the same contract (`ItemStoreContract`).
///
/// A cursor is a random token the store remembers with where its page ended, so a cursor from another store, or
/// another query, is refused.
public final class InMemoryItemStore: ItemStore {
    private let state = Mutex(State())
    private let clock: any Clock

    /// An empty store whose items expire by `clock`.
    public init(clock: any Clock = SystemClock()) {
        self.clock = clock
    }

    // MARK: Single-item operations

    public func put(_ item: Item, condition: Condition?, returning: ReturnValues) throws(ItemStoreError) -> Item? {
        _ = try item.validatedSize()
        guard returning == .none || returning == .allOld else {
            throw .validation("A put returns nothing or the old item only")
        }
        return try self.write(.put(item, condition: condition), returning: returning, updated: [])
    }

    public func get(_ key: ItemKey) throws(ItemStoreError) -> Item? {
        let now = self.clock.nowSeconds
        return self.state.withLock { $0.visibleItem(at: key, nowSeconds: now) }
    }

    public func delete(_ key: ItemKey, condition: Condition?, returning: ReturnValues) throws(ItemStoreError) -> Item? {
        guard returning == .none || returning == .allOld else {
            throw .validation("A delete returns nothing or the old item only")
        }
        return try self.write(.delete(key, condition: condition), returning: returning, updated: [])
    }

    public func update(
        _ key: ItemKey,
        _ update: ItemUpdate,
        condition: Condition?,
        returning: ReturnValues
    ) throws(ItemStoreError) -> Item? {
        try self.write(
            .update(key, update, condition: condition), returning: returning, updated: update.updatedAttributes)
    }

    /// Performs `action` alone, atomically, and returns what `returning` asks for.
    private func write(
        _ action: TransactionAction,
        returning: ReturnValues,
        updated: Set<String>
    ) throws(ItemStoreError) -> Item? {
        guard let key = action.key else {
            throw .validation(
                "One of the required keys was not given a value: \(TableSchema.partitionKey)/\(TableSchema.sortKey)")
        }
        let now = self.clock.nowSeconds
        return try self.state.withLock { state throws(ItemStoreError) -> Item? in
            let old = state.visibleItem(at: key, nowSeconds: now)
            let write = try action.write(over: old)
            state.apply(write)
            let new: Item? = if case .save(let item) = write { item } else { nil }
            return returning.select(old: old, new: new, updated: updated)
        }
    }

    // MARK: Transactions

    public func transactWrite(_ actions: [TransactionAction]) throws(ItemStoreError) {
        let keys = try TransactionAction.validatedKeys(of: actions)
        let now = self.clock.nowSeconds
        try self.state.withLock { state throws(ItemStoreError) in
            let olds = keys.map { state.visibleItem(at: $0, nowSeconds: now) }
            for write in try TransactionAction.plan(actions, over: olds) {
                state.apply(write)
            }
        }
    }

    // MARK: Queries

    public func query(_ query: ItemQuery) throws(ItemStoreError) -> QueryPage {
        if let limit = query.limit, limit < 1 {
            throw .validation("The query limit must be at least 1, not \(limit)")
        }
        if case .between(let low, let high) = query.sortKey, high.utf8.lexicographicallyPrecedes(low.utf8) {
            throw .validation("Invalid KeyConditionExpression: the BETWEEN bounds are in the wrong order")
        }
        let now = self.clock.nowSeconds
        return try self.state.withLock { state throws(ItemStoreError) in try state.page(of: query, nowSeconds: now) }
    }
}

extension InMemoryItemStore {
    /// The items and the cursors handed out, changed under one lock.
    private struct State {
        var items: [ItemKey: Item] = [:]
        var cursors: [String: Cursor] = [:]

        /// Where a query page ended: the index and partition it read, and the last position.
        struct Cursor {
            var index: ItemQuery.Index
            var partition: String
            var position: Position
        }

        /// An item's place in a query's order: its sort key in the queried index, ties broken by its table key,
        /// all by UTF-8 bytes.
        struct Position: Comparable {
            var sortKey: String
            var tableKey: ItemKey

            static func < (lhs: Position, rhs: Position) -> Bool {
                let left = [lhs.sortKey, lhs.tableKey.partition, lhs.tableKey.sort]
                let right = [rhs.sortKey, rhs.tableKey.partition, rhs.tableKey.sort]
                return left.lexicographicallyPrecedes(right) { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            }
        }

        /// The item at `key`, unless there is none or its time to live has passed.
        func visibleItem(at key: ItemKey, nowSeconds: Int64) -> Item? {
            guard let item = self.items[key] else { return nil }
            if let expiry = item.expiresAtSeconds, expiry <= nowSeconds { return nil }
            return item
        }

        mutating func apply(_ write: PlannedWrite) {
            switch write {
            case .save(let item): item.key.map { self.items[$0] = item }
            case .delete(let key): self.items[key] = nil
            case .nothing: break
            }
        }

        /// One page of `query`: the visible items of its partition in order after its cursor, up to its limit or
        /// the page's byte budget, then filtered.
        mutating func page(of query: ItemQuery, nowSeconds: Int64) throws(ItemStoreError) -> QueryPage {
            let start = try query.cursor.map { cursor throws(ItemStoreError) in
                try self.position(after: cursor, for: query)
            }
            let descending = query.order == .descending
            let rows = self.items.values.compactMap { item -> (position: Position, item: Item)? in
                guard item.string(query.partitionAttribute) == query.partition,
                    let sortKey = item.string(query.sortAttribute), query.sortKey?.matches(sortKey) ?? true,
                    let key = item.key, self.visibleItem(at: key, nowSeconds: nowSeconds) != nil
                else { return nil }
                let position = Position(sortKey: sortKey, tableKey: key)
                if let start, !(descending ? position < start : start < position) { return nil }
                return (position, item)
            }
            .sorted { descending ? $1.position < $0.position : $0.position < $1.position }
            var items: [Item] = []
            var pageBytes = 0
            for (scanned, row) in rows.enumerated() {
                let bytes = (try? row.item.validatedSize()) ?? 0
                if scanned == query.limit || (scanned > 0 && pageBytes + bytes > TableSchema.maximumQueryPageBytes) {
                    let cursor = self.cursor(after: rows[scanned - 1].position, of: query)
                    return QueryPage(items: items, nextCursor: cursor, scannedCount: scanned)
                }
                pageBytes += bytes
                if query.filter?.isSatisfied(by: row.item) ?? true { items.append(row.item) }
            }
            return QueryPage(items: items, nextCursor: nil, scannedCount: rows.count)
        }

        /// A new cursor that continues `query` after `position`.
        private mutating func cursor(after position: Position, of query: ItemQuery) -> QueryCursor {
            let token = RandomUUID.make()
            self.cursors[token] = Cursor(index: query.index, partition: query.partition, position: position)
            return QueryCursor(token: token)
        }

        /// Where the page that handed out `cursor` ended, if it was a page of `query`'s index and partition.
        private func position(after cursor: QueryCursor, for query: ItemQuery) throws(ItemStoreError) -> Position {
            guard let ended = self.cursors[cursor.token], ended.index == query.index, ended.partition == query.partition
            else { throw .invalidCursor }
            return ended.position
        }
    }
}
