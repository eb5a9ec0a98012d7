/// One page of a query's results.
public struct QueryPage: Sendable, Hashable {
    /// The items read and kept by the filter, in the query's order.
    public var items: [Item]
    /// Where the next page starts; `nil` when the query has read everything. A cursor does not promise that
    /// another item exists (DynamoDB's `LastEvaluatedKey` does not either).
    public var nextCursor: QueryCursor?
    /// How many items were read before the filter.
    public var scannedCount: Int

    /// Creates a page.
    public init(items: [Item], nextCursor: QueryCursor?, scannedCount: Int) {
        self.items = items
        self.nextCursor = nextCursor
        self.scannedCount = scannedCount
    }
}

/// An opaque position in a query's results, safe to hand to a client and to take back from one.
public struct QueryCursor: Sendable, Hashable, CustomStringConvertible {
    /// The cursor's text: URL-safe, meaningful only to the store that made it.
    public let token: String

    /// Wraps a cursor's text as a client handed it back; the store checks it when it is used.
    public init(token: String) {
        self.token = token
    }

    /// The cursor's text.
    public var description: String { self.token }
}
