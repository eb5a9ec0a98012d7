import Cloud
import Foundation
import GRDB

/// An item as a row of the `items` table: its key columns, index columns, expiry, and the encoded item.
struct StoredItem: Sendable {
    let key: ItemKey
    let item: Item

    init(_ item: Item) {
        // Callers validate the item first, which guarantees its key.
        self.key = item.key!
        self.item = item
    }

    /// Writes the row, replacing the row with the same key.
    func save(in db: Database) throws {
        let statement = try db.cachedStatement(
            sql: "REPLACE INTO items (pk, sk, gsi1pk, gsi1sk, expires_at, body) VALUES (?, ?, ?, ?, ?, ?)"
        )
        try statement.execute(arguments: [
            self.key.partition, self.key.sort, self.indexPartition, self.indexSort, self.item.expiresAtSeconds,
            Data(ItemBinaryCodec.encode(self.item)),
        ])
    }

    /// Writes the row over `previous`, the item the row holds now, updating only the index and expiry columns
    /// that change: SQLite then leaves the untouched indexes alone.
    func save(in db: Database, over previous: Item?) throws {
        guard let previous else { return try self.save(in: db) }
        var assignments = "body = ?"
        var arguments: [(any DatabaseValueConvertible)?] = [Data(ItemBinaryCodec.encode(self.item))]
        let previousIndexPartition = previous.string(TableSchema.indexPartitionKey)
        let previousIndexSort = previous.string(TableSchema.indexSortKey)
        if previousIndexPartition != self.indexPartition || previousIndexSort != self.indexSort {
            assignments += ", gsi1pk = ?, gsi1sk = ?"
            arguments += [self.indexPartition, self.indexSort]
        }
        if previous.expiresAtSeconds != self.item.expiresAtSeconds {
            assignments += ", expires_at = ?"
            arguments.append(self.item.expiresAtSeconds)
        }
        arguments += [self.key.partition, self.key.sort]
        try db.cachedStatement(sql: "UPDATE items SET \(assignments) WHERE pk = ? AND sk = ?")
            .execute(arguments: StatementArguments(arguments))
    }

    private var indexPartition: String? { self.item.string(TableSchema.indexPartitionKey) }
    private var indexSort: String? { self.item.string(TableSchema.indexSortKey) }

    /// Deletes the row with `key`, if there is one.
    static func delete(_ key: ItemKey, in db: Database) throws {
        let statement = try db.cachedStatement(sql: "DELETE FROM items WHERE pk = ? AND sk = ?")
        try statement.execute(arguments: [key.partition, key.sort])
    }

    /// Stores `write` over `old`, the visible item at its key (if any), and returns the item now there.
    @discardableResult
    static func store(_ write: PlannedWrite, over old: Item?, in db: Database) throws -> Item? {
        switch write {
        case .save(let item):
            try StoredItem(item).save(in: db, over: old)
            return item
        case .delete(let key):
            try Self.delete(key, in: db)
            return nil
        case .nothing:
            return old
        }
    }

    /// The lookup of one visible item: its key (`pk`, `sk`) and the time in seconds its expiry must be after.
    static let visibleLookup =
        "SELECT body FROM items WHERE pk = ? AND sk = ? AND (expires_at IS NULL OR expires_at > ?)"

    /// The item with `key`, unless it is absent or its time to live has passed.
    static func fetchVisible(_ key: ItemKey, in db: Database, nowSeconds: Int64) throws -> Item? {
        let statement = try db.cachedStatement(sql: Self.visibleLookup)
        let rows = try Row.fetchCursor(statement, arguments: [key.partition, key.sort, nowSeconds])
        guard let row = try rows.next() else { return nil }
        return try Self.decode(row, column: 0).item
    }

    /// The encoded item in `column` of `row` (checked, and decoded as it is read), and its size in bytes.
    static func decode(_ row: Row, column: Int) throws -> (item: Item, byteCount: Int) {
        let bytes = try row.withUnsafeData(atIndex: column) { data in data.map { Array($0) } }
        return (try Self.item(encoded: bytes ?? []), bytes?.count ?? 0)
    }

    /// The item a row's body holds; a body that is not an encoded item is reported, never decoded into another one.
    static func item(encoded bytes: [UInt8]) throws(ItemStoreError) -> Item {
        guard let item = Item(encoded: bytes) else { throw .unavailable("a stored item is corrupt") }
        return item
    }
}
