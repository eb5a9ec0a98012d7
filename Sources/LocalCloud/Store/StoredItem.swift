import Cloud
import Foundation
import GRDB

/// An item as a row of the `items` table: its key columns, index columns, expiry, and the encoded item.
struct StoredItem {
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
            self.key.partition, self.key.sort,
            self.item.string(TableSchema.indexPartitionKey), self.item.string(TableSchema.indexSortKey),
            self.item.expiresAtSeconds, Data(ItemBinaryCodec.encode(self.item)),
        ])
    }

    /// Deletes the row with `key`, if there is one.
    static func delete(_ key: ItemKey, in db: Database) throws {
        let statement = try db.cachedStatement(sql: "DELETE FROM items WHERE pk = ? AND sk = ?")
        try statement.execute(arguments: [key.partition, key.sort])
    }

    /// The item with `key`, unless it is absent or its time to live has passed.
    static func fetchVisible(_ key: ItemKey, in db: Database, nowSeconds: Int64) throws -> Item? {
        let statement = try db.cachedStatement(
            sql: "SELECT body FROM items WHERE pk = ? AND sk = ? AND (expires_at IS NULL OR expires_at > ?)"
        )
        let rows = try Row.fetchCursor(statement, arguments: [key.partition, key.sort, nowSeconds])
        guard let row = try rows.next() else { return nil }
        return try Self.decode(row, column: 0)
    }

    /// Decodes the encoded item in `column` of `row`.
    static func decode(_ row: Row, column: Int) throws -> Item {
        let item = try row.withUnsafeData(atIndex: column) { data in
            data?.withUnsafeBytes { ItemBinaryCodec.decode($0) }
        }
        guard let item else { throw ItemStoreError.unavailable("a stored item is corrupt") }
        return item
    }
}
