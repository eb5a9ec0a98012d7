/// A query: the items of one partition of the table or of its index, in sort-key order, a page at a time.
public struct ItemQuery: Sendable, Hashable {
    /// Where a query looks.
    public enum Index: String, Sendable, Hashable {
        /// The table, by `PK` and `SK`.
        case table
        /// The global index, by `GSI1PK` and `GSI1SK`.
        case gsi1
    }

    /// The order of a page.
    public enum Order: Sendable, Hashable {
        case ascending
        case descending
    }

    /// Whether the query reads the table or the global index.
    public var index: Index
    /// The partition key value (equality, as DynamoDB requires).
    public var partition: String
    /// A condition on the sort key; `nil` reads the whole partition.
    public var sortKey: SortKeyCondition?
    /// The sort-key order of the page.
    public var order: Order
    /// The most items to read for this page; the filter applies after it, as in DynamoDB.
    public var limit: Int?
    /// Where the previous page ended.
    public var cursor: QueryCursor?
    /// A condition on the items read; those that fail it are left out of the page.
    public var filter: Condition?

    /// Creates a query of one partition; without further arguments it reads the table in ascending order.
    public init(
        index: Index = .table,
        partition: String,
        sortKey: SortKeyCondition? = nil,
        order: Order = .ascending,
        limit: Int? = nil,
        cursor: QueryCursor? = nil,
        filter: Condition? = nil
    ) {
        self.index = index
        self.partition = partition
        self.sortKey = sortKey
        self.order = order
        self.limit = limit
        self.cursor = cursor
        self.filter = filter
    }

    /// The partition key attribute of the queried index.
    public var partitionAttribute: String {
        self.index == .table ? TableSchema.partitionKey : TableSchema.indexPartitionKey
    }

    /// The sort key attribute of the queried index.
    public var sortAttribute: String {
        self.index == .table ? TableSchema.sortKey : TableSchema.indexSortKey
    }
}
