import Cloud
import GRDB

/// One query page as SQL over the `items` table or its GSI1 index: the key condition, the position after the
/// cursor and the TTL in the `WHERE` clause, then the limit, the 1 MB page budget and the filter while reading.
struct StoreQuery {
    let query: ItemQuery
    let start: StoreCursor?
    let nowSeconds: Int64

    init(_ query: ItemQuery, after start: StoreCursor?, nowSeconds: Int64) {
        self.query = query
        self.start = start
        self.nowSeconds = nowSeconds
    }

    func run(in db: Database) throws -> QueryPage {
        let (sql, arguments) = try self.statement()
        let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
        var items: [Item] = []
        items.reserveCapacity(min(self.query.limit ?? 16, 1024))
        var scanned = 0
        var pageBytes = 0
        var last: Item?
        var nextCursor: QueryCursor?
        while let row = try rows.next() {
            if let limit = self.query.limit, scanned == limit {
                nextCursor = last.flatMap(self.position(after:))?.queryCursor
                break
            }
            let (item, bodyBytes) = try StoredItem.decode(row, column: 0)
            if scanned > 0, pageBytes + bodyBytes > TableSchema.maximumQueryPageBytes {
                nextCursor = last.flatMap(self.position(after:))?.queryCursor
                break
            }
            scanned += 1
            pageBytes += bodyBytes
            last = item
            if self.query.filter?.isSatisfied(by: item) ?? true {
                items.append(item)
            }
        }
        return QueryPage(items: items, nextCursor: nextCursor, scannedCount: scanned)
    }

    /// The cursor that continues after `item`.
    private func position(after item: Item) -> StoreCursor? {
        guard let key = item.key else { return nil }
        switch self.query.index {
        case .table:
            return StoreCursor(index: .table, partition: self.query.partition, sortKey: key.sort, tableKey: key)
        case .gsi1:
            guard let sortKey = item.string(TableSchema.indexSortKey) else { return nil }
            return StoreCursor(index: .gsi1, partition: self.query.partition, sortKey: sortKey, tableKey: key)
        }
    }

    private func statement() throws(ItemStoreError) -> (String, StatementArguments) {
        let isTable = self.query.index == .table
        let sortColumn = isTable ? "sk" : "gsi1sk"
        let descending = self.query.order == .descending
        var sql =
            isTable
            ? "SELECT body FROM items WHERE pk = ?"
            : "SELECT body FROM items WHERE gsi1pk = ? AND gsi1sk IS NOT NULL"
        var arguments: [any DatabaseValueConvertible] = [self.query.partition]
        if let condition = self.query.sortKey {
            let (clause, values) = try Self.clause(for: condition, column: sortColumn)
            sql += clause
            arguments += values
        }
        if let start = self.start {
            let comparison = descending ? "<" : ">"
            if isTable {
                sql += " AND sk \(comparison) ?"
                arguments.append(start.sortKey)
            } else {
                sql += " AND (gsi1sk, pk, sk) \(comparison) (?, ?, ?)"
                arguments += [start.sortKey, start.tableKey.partition, start.tableKey.sort]
            }
        }
        sql += " AND (expires_at IS NULL OR expires_at > ?)"
        arguments.append(self.nowSeconds)
        let direction = descending ? "DESC" : "ASC"
        sql += isTable ? " ORDER BY sk \(direction)" : " ORDER BY gsi1sk \(direction), pk \(direction), sk \(direction)"
        if let limit = self.query.limit {
            // One row past the limit tells whether the page is the last one.
            sql += " LIMIT ?"
            arguments.append(limit + 1)
        }
        return (sql, StatementArguments(arguments))
    }

    private static func clause(
        for condition: SortKeyCondition,
        column: String
    ) throws(ItemStoreError) -> (String, [any DatabaseValueConvertible]) {
        switch condition {
        case .equal(let value): return (" AND \(column) = ?", [value])
        case .less(let value): return (" AND \(column) < ?", [value])
        case .lessOrEqual(let value): return (" AND \(column) <= ?", [value])
        case .greater(let value): return (" AND \(column) > ?", [value])
        case .greaterOrEqual(let value): return (" AND \(column) >= ?", [value])
        case .between(let low, let high):
            guard !high.utf8.lexicographicallyPrecedes(low.utf8) else {
                throw .validation("Invalid KeyConditionExpression: the BETWEEN bounds are in the wrong order")
            }
            return (" AND \(column) BETWEEN ? AND ?", [low, high])
        case .beginsWith(let prefix):
            guard let upper = Self.smallestStringAfterPrefix(prefix) else {
                return (" AND \(column) >= ?", [prefix])
            }
            return (" AND \(column) >= ? AND \(column) < ?", [prefix, upper])
        }
    }

    /// The smallest string greater than every string that starts with `prefix` (byte order), if there is one:
    /// the prefix with its last character replaced by the next one.
    static func smallestStringAfterPrefix(_ prefix: String) -> String? {
        var scalars = Array(prefix.unicodeScalars)
        while let last = scalars.popLast() {
            var next = last.value + 1
            if next == 0xD800 { next = 0xE000 }  // skip the surrogates, which are not scalars
            if let scalar = Unicode.Scalar(next) {
                scalars.append(scalar)
                var result = ""
                result.unicodeScalars.append(contentsOf: scalars)
                return result
            }
        }
        return nil
    }
}
