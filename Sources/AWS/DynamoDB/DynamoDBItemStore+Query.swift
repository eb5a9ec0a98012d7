public import Cloud
import JSONCoding

extension DynamoDBItemStore {
    /// How many `Query` calls one page may take while expired items fill DynamoDB's pages.
    static let maximumCallsPerPage = 32

    /// `Query` on the table (strongly consistent) or on `GSI1`.
    ///
    /// The port's limit counts the live items read, so expired items, which DynamoDB still reads, do not use it up:
    /// the page goes on reading from DynamoDB's `LastEvaluatedKey` until it has read `limit` live items (or, without
    /// a limit, any), or the partition ends. The filter is DynamoDB's `FilterExpression`, widened to let expired items
    /// through so that they can be told from live items that failed it, then dropped here.
    public func query(_ query: ItemQuery) async throws(ItemStoreError) -> QueryPage {
        if let limit = query.limit, limit < 1 {
            throw .validation("The query limit must be at least 1, not \(limit)")
        }
        var start = try query.cursor.map { cursor throws(ItemStoreError) in
            try DynamoDBCursor.exclusiveStartKey(in: cursor, for: query)
        }
        let expiry = self.expiry
        var items: [Item] = []
        var scanned = 0
        var calls = 0
        repeat {
            var input = try self.queryInput(query, expiry: expiry)
            if let limit = query.limit { input["Limit"] = .integer(Int64(limit - scanned)) }
            if let start { input["ExclusiveStartKey"] = start }
            let output = try await self.call("Query", input, expiry: expiry)
            var expired = 0
            for json in output["Items"]?.arrayValue ?? [] {
                let item = try Self.item(json)
                if expiry.isExpired(item) { expired += 1 } else { items.append(item) }
            }
            guard case .integer(let scannedHere)? = output["ScannedCount"] else {
                throw .unavailable("DynamoDB answered a query without its ScannedCount")
            }
            scanned += Int(scannedHere) - expired
            start = output["LastEvaluatedKey"]
            calls += 1
        } while start != nil && scanned < (query.limit ?? 1) && calls < Self.maximumCallsPerPage
        return QueryPage(items: items, nextCursor: start.map(DynamoDBCursor.cursor(after:)), scannedCount: scanned)
    }

    /// The parts of a `Query` input that every call of one page shares.
    private func queryInput(_ query: ItemQuery, expiry: DynamoDBExpiry) throws(ItemStoreError) -> [String: JSONValue] {
        var attributes = DynamoDBExpressionAttributes()
        var input: [String: JSONValue] = [
            "TableName": .string(self.tableName),
            "KeyConditionExpression": .string(attributes.keyCondition(of: query)),
            "ScanIndexForward": .bool(query.order == .ascending),
        ]
        switch query.index {
        case .table: input["ConsistentRead"] = true
        case .gsi1: input["IndexName"] = .string(Self.indexName)
        }
        if let filter = query.filter {
            let compiled = try attributes.condition(filter)
            input["FilterExpression"] = .string("(\(compiled)) OR (\(expiry.expired(in: &attributes)))")
        }
        attributes.add(to: &input)
        return input
    }
}
