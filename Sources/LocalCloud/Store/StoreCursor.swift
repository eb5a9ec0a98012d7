import Cloud
import Foundation
import LambdaEvents

/// Where a query page of the SQLite store ended: the index and partition it belongs to and the last key it read,
/// carried in a ``QueryCursor`` as base64url text.
///
/// A cursor is accepted only by a query of the same index and partition, so a cursor from another user's listing,
/// or another tenant's, is refused instead of leaking a position there.
struct StoreCursor: Equatable, Sendable {
    var index: ItemQuery.Index
    var partition: String
    /// The last item's sort key in the queried index (`SK` or `GSI1SK`).
    var sortKey: String
    /// The last item's table key; on the index it breaks ties between equal index sort keys.
    var tableKey: ItemKey

    /// The longest cursor text accepted.
    static let maximumTokenLength = 8 * 1024

    init(index: ItemQuery.Index, partition: String, sortKey: String, tableKey: ItemKey) {
        self.index = index
        self.partition = partition
        self.sortKey = sortKey
        self.tableKey = tableKey
    }

    /// Reads a cursor made for `query`, or throws ``ItemStoreError/invalidCursor``.
    init(_ cursor: QueryCursor, for query: ItemQuery) throws(ItemStoreError) {
        guard cursor.token.utf8.count <= Self.maximumTokenLength, let bytes = Base64.decode(cursor.token, .url)
        else { throw .invalidCursor }
        let item = bytes.withUnsafeBytes { ItemBinaryCodec.decode($0) }
        guard let item, let index = item.string("i").flatMap(ItemQuery.Index.init(rawValue:)),
            let partition = item.string("p"), let sortKey = item.string("s"),
            let tablePartition = item.string("tp"), let tableSort = item.string("ts"),
            index == query.index, partition == query.partition
        else { throw .invalidCursor }
        self.init(
            index: index, partition: partition, sortKey: sortKey,
            tableKey: ItemKey(partition: tablePartition, sort: tableSort))
    }

    var queryCursor: QueryCursor {
        let item: Item = [
            "i": .string(self.index.rawValue), "p": .string(self.partition), "s": .string(self.sortKey),
            "tp": .string(self.tableKey.partition), "ts": .string(self.tableKey.sort),
        ]
        return QueryCursor(token: Base64.encode(ItemBinaryCodec.encode(item), .url))
    }
}
