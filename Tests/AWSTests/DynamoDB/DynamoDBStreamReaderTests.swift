import AWS
import Cloud
import StratusTesting
import Testing

/// ``DynamoDBStreamReader`` on moto's DynamoDB Streams: it reads a table's changes in order, says how far it read,
/// and a reader resuming from that position reads only the changes made after it.
@Suite struct DynamoDBStreamReaderTests {
    @Test func aResumingReaderReadsOnlyTheChangesAfterThePositionOfTheFirst() async throws {
        guard let moto = try await MotoServer.start() else { return }
        defer { moto.stop() }
        let http = AWSHTTPClient()
        let dynamoDB = try moto.client(.dynamoDB, httpClient: http)
        let streams = try moto.client(.dynamoDBStreams, httpClient: http)
        let store = DynamoDBItemStore(client: dynamoDB, tableName: "stream-reader")
        try await store.createTable(pollInterval: .milliseconds(100), attempts: 50)
        for id in ["a", "b", "c"] { try await store.put(["PK": .string("ITEM#\(id)"), "SK": "X"]) }

        let first = DynamoDBStreamReader(dynamoDB: dynamoDB, streams: streams, tableName: "stream-reader")
        #expect(await first.position == nil, "nothing was read yet")
        let read = try await Self.readAll(first, batch: 2)
        #expect(read == ["ITEM#a", "ITEM#b", "ITEM#c"], "in order, in batches of at most two")
        let position = try #require(await first.position)
        #expect(position.shards.count == 1)

        try await store.put(["PK": "ITEM#d", "SK": "X"])
        let resumed = DynamoDBStreamReader(
            dynamoDB: dynamoDB, streams: streams, tableName: "stream-reader", resumingFrom: position)
        #expect(try await Self.readAll(resumed, batch: 10) == ["ITEM#d"])
        let fresh = DynamoDBStreamReader(dynamoDB: dynamoDB, streams: streams, tableName: "stream-reader")
        #expect(try await Self.readAll(fresh, batch: 10) == ["ITEM#a", "ITEM#b", "ITEM#c", "ITEM#d"])
    }

    /// A transaction cancelled by its condition changes nothing, so a reader goes on reading the changes after it.
    /// Stock moto fails this (it puts back a copy of the table with a new stream, and the open iterator reads nothing
    /// again), which lost orders on the AWS path; ``MotoServer`` runs it through `scripts/moto_server.py`, which
    /// mends it.
    @Test func aCancelledTransactionDoesNotStopAReader() async throws {
        guard let moto = try await MotoServer.start() else { return }
        defer { moto.stop() }
        let http = AWSHTTPClient()
        let dynamoDB = try moto.client(.dynamoDB, httpClient: http)
        let store = DynamoDBItemStore(client: dynamoDB, tableName: "cancelled")
        try await store.createTable(pollInterval: .milliseconds(100), attempts: 50)
        let reader = DynamoDBStreamReader(
            dynamoDB: dynamoDB, streams: try moto.client(.dynamoDBStreams, httpClient: http), tableName: "cancelled")
        let once = TransactionAction.put(["PK": "ITEM#a", "SK": "X"], condition: .attributeNotExists("PK"))
        try await store.transactWrite([once])
        #expect(try await Self.readAll(reader, batch: 10) == ["ITEM#a"])

        let cancelled = await #expect(throws: ItemStoreError.self) {
            try await store.transactWrite([.put(["PK": "ITEM#b", "SK": "X"]), once])
        }
        #expect(cancelled?.description.contains("ConditionalCheckFailed") == true, "\(String(describing: cancelled))")
        try await store.put(["PK": "ITEM#c", "SK": "X"])
        #expect(try await Self.readAll(reader, batch: 10) == ["ITEM#c"], "the cancelled transaction wrote nothing")
        #expect(try await store.get(ItemKey(partition: "ITEM#b", sort: "X")) == nil)
    }

    @Test func aTableWithoutAStreamIsAClearError() async throws {
        guard let moto = try await MotoServer.start() else { return }
        defer { moto.stop() }
        let http = AWSHTTPClient()
        let dynamoDB = try moto.client(.dynamoDB, httpClient: http)
        _ = try await dynamoDB.call(
            "CreateTable",
            [
                "TableName": "no-stream", "BillingMode": "PAY_PER_REQUEST",
                "AttributeDefinitions": [["AttributeName": "PK", "AttributeType": "S"]],
                "KeySchema": [["AttributeName": "PK", "KeyType": "HASH"]],
            ])
        let reader = DynamoDBStreamReader(dynamoDB: dynamoDB, streams: dynamoDB, tableName: "no-stream")
        let error = await #expect(throws: AWSServiceError.self) { try await reader.read(upTo: 1) }
        #expect(error?.message.contains("has no stream") == true, "\(String(describing: error))")
    }

    /// The partition keys of every record `reader` reads until it answers none, reading `batch` at a time; each read
    /// answers at most `batch`.
    static func readAll(_ reader: DynamoDBStreamReader, batch: Int) async throws -> [String] {
        var keys: [String] = []
        while true {
            let records = try await reader.read(upTo: batch)
            #expect(records.count <= batch)
            if records.isEmpty { return keys }
            keys += records.compactMap { $0.dynamodb.keys["PK"]?["S"]?.stringValue }
        }
    }
}
