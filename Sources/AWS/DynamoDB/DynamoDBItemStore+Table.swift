public import Cloud
import JSONCoding

extension DynamoDBItemStore {
    /// Creates the table with the single-table schema: string keys `PK` (hash) and `SK` (range), on-demand
    /// capacity, the global index `GSI1` on `GSI1PK`/`GSI1SK` projecting every attribute, a stream of new images
    /// (which the outbox relay consumes) and TTL on `expiresAt`.
    /// Waits until the table is active (polling `DescribeTable` every `pollInterval`, at most `attempts` times)
    /// before it turns TTL on.
    public func createTable(pollInterval: Duration = .seconds(2), attempts: Int = 150) async throws(ItemStoreError) {
        func definition(_ name: String) -> JSONValue { ["AttributeName": .string(name), "AttributeType": "S"] }
        func key(_ name: String, _ type: String) -> JSONValue {
            ["AttributeName": .string(name), "KeyType": .string(type)]
        }
        _ = try await self.call(
            "CreateTable",
            [
                "TableName": .string(self.tableName),
                "BillingMode": "PAY_PER_REQUEST",
                "AttributeDefinitions": [
                    definition(TableSchema.partitionKey), definition(TableSchema.sortKey),
                    definition(TableSchema.indexPartitionKey), definition(TableSchema.indexSortKey),
                ],
                "KeySchema": [key(TableSchema.partitionKey, "HASH"), key(TableSchema.sortKey, "RANGE")],
                "StreamSpecification": ["StreamEnabled": true, "StreamViewType": "NEW_IMAGE"],
                "GlobalSecondaryIndexes": [
                    [
                        "IndexName": .string(Self.indexName),
                        "KeySchema": [
                            key(TableSchema.indexPartitionKey, "HASH"), key(TableSchema.indexSortKey, "RANGE"),
                        ],
                        "Projection": ["ProjectionType": "ALL"],
                    ]
                ],
            ], expiry: nil)
        try await self.waitUntilActive(pollInterval: pollInterval, attempts: attempts)
        _ = try await self.call(
            "UpdateTimeToLive",
            [
                "TableName": .string(self.tableName),
                "TimeToLiveSpecification": ["Enabled": true, "AttributeName": .string(TableSchema.expiresAt)],
            ], expiry: nil)
    }

    private func waitUntilActive(pollInterval: Duration, attempts: Int) async throws(ItemStoreError) {
        for attempt in 1...max(1, attempts) {
            let output = try await self.call("DescribeTable", ["TableName": .string(self.tableName)], expiry: nil)
            if output["Table"]?["TableStatus"]?.stringValue == "ACTIVE" { return }
            guard attempt < attempts else { break }
            do {
                try await Task.sleep(for: pollInterval)
            } catch {
                throw .unavailable("Waiting for the table \(self.tableName) was cancelled")
            }
        }
        throw .unavailable("The table \(self.tableName) did not become active")
    }
}
