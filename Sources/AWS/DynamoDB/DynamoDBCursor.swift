import Cloud
import JSONCoding

/// A query cursor on DynamoDB: the page's `LastEvaluatedKey` as base64url JSON, handed back as
/// `ExclusiveStartKey`.
///
/// A cursor is taken back only by a query of the same index and partition: its key must have exactly that index's
/// key attributes, as strings, with the query's partition. A cursor from another partition (another user's listing,
/// another tenant's) is refused instead of moving that query to a position there.
enum DynamoDBCursor {
    /// The longest cursor text accepted.
    static let maximumTokenLength = 8 * 1024

    /// The cursor continuing after `lastEvaluatedKey`.
    static func cursor(after lastEvaluatedKey: JSONValue) -> QueryCursor {
        // A JSONValue of strings and objects always encodes.
        let bytes = (try? StreamingJSONEncoder().encode(lastEvaluatedKey)) ?? []
        let token = String(Base64.encode(bytes).compactMap(Self.urlSafe))
        return QueryCursor(token: token)
    }

    /// The `ExclusiveStartKey` in `cursor`, if it was made for `query`'s index and partition; throws
    /// ``ItemStoreError/invalidCursor`` otherwise.
    static func exclusiveStartKey(in cursor: QueryCursor, for query: ItemQuery) throws(ItemStoreError) -> JSONValue {
        let token = cursor.token
        guard !token.isEmpty, token.utf8.count <= Self.maximumTokenLength else { throw .invalidCursor }
        var base64 = String(token.map { $0 == "-" ? "+" : ($0 == "_" ? "/" : $0) })
        base64 += String(repeating: "=", count: (4 - base64.utf8.count % 4) % 4)
        guard let bytes = Base64.decode(base64), let key = JSONValue(parsing: bytes, maximumDepth: 3),
            let item = DynamoDBAttributeCoding.decodeItem(key), Self.isKey(item, of: query)
        else { throw .invalidCursor }
        return key
    }

    /// A character of standard base64 as URL-safe base64 writes it: `-` for `+`, `_` for `/`, no padding.
    private static func urlSafe(_ character: Character) -> Character? {
        switch character {
        case "+": "-"
        case "/": "_"
        case "=": nil
        default: character
        }
    }

    private static func isKey(_ item: Item, of query: ItemQuery) -> Bool {
        let names: Set<String> =
            query.index == .table
            ? [TableSchema.partitionKey, TableSchema.sortKey]
            : [TableSchema.partitionKey, TableSchema.sortKey, TableSchema.indexPartitionKey, TableSchema.indexSortKey]
        guard Set(item.attributes.keys) == names, item.attributes.values.allSatisfy({ $0.stringValue != nil }) else {
            return false
        }
        return item.string(query.partitionAttribute) == query.partition
    }
}
