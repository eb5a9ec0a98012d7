import JSONCoding
public import LambdaEvents

/// Reads the changes of a DynamoDB table from its latest stream, as a Lambda event source mapping does: every shard
/// from its oldest record (`TRIM_HORIZON`), each new shard as the stream splits, and each shard's records in order.
///
/// ``read(upTo:)`` answers the next records of one shard (with their stream's `eventSourceARN`, which `GetRecords`
/// leaves out), or none when no shard has new records; the caller pauses before asking again. ``position`` says how
/// far each shard was read; a reader resuming from it reads on after those records (from a shard's oldest record
/// where the stream no longer holds them, or the table has another stream since).
public actor DynamoDBStreamReader {
    /// How far a stream was read: the sequence number of the last record read from each shard.
    public struct Position: Codable, Sendable, Equatable {
        /// The stream's ARN.
        public var streamARN: String
        /// The last sequence number read, by shard id.
        public var shards: [String: String]

        /// A position on the stream `streamARN`.
        public init(streamARN: String, shards: [String: String]) {
            self.streamARN = streamARN
            self.shards = shards
        }
    }

    /// The most records one `GetRecords` answers.
    public static let maximumRecordsPerRead = 1000

    private let dynamoDB: AWSJSONClient
    private let streams: AWSJSONClient
    private let tableName: String
    private var streamARN: String?
    /// The open shards in the order they were found, with the iterator of their next read.
    private var shards: [(id: String, iterator: String)] = []
    /// Every shard found so far, open or read to its end.
    private var knownShards: Set<String> = []
    /// The sequence number of the last record read from each shard, to read on from after its iterator expired.
    private var lastSequenceNumbers: [String: String] = [:]
    /// Where a resuming reader starts.
    private let resumedPosition: Position?
    /// The shard read next: shards take turns.
    private var nextShard = 0

    /// A reader of the stream of `tableName`, calling DynamoDB through `dynamoDB` and the stream through `streams`
    /// (a client for ``AWSServiceDescription/dynamoDBStreams``), reading on after `position` if given.
    public init(
        dynamoDB: AWSJSONClient, streams: AWSJSONClient, tableName: String, resumingFrom position: Position? = nil
    ) {
        self.dynamoDB = dynamoDB
        self.streams = streams
        self.tableName = tableName
        self.resumedPosition = position
    }

    /// How far the stream was read, `nil` before the first read.
    public var position: Position? {
        self.streamARN.map { Position(streamARN: $0, shards: self.lastSequenceNumbers) }
    }

    /// The next records of one shard, at most `limit` (1…``maximumRecordsPerRead``), in the shard's order; empty
    /// when no shard has records after those already read. Shards take turns; those the stream added since are
    /// found after an empty answer, and read from their oldest record.
    /// - Throws: ``AWSServiceError`` when a call fails, or the table has no stream.
    public func read(upTo limit: Int) async throws(AWSServiceError) -> [DynamoDBStreamEvent.Record] {
        let streamARN = try await self.latestStreamARN()
        if self.knownShards.isEmpty { try await self.discoverShards(of: streamARN) }
        var tried = 0
        while tried < self.shards.count {
            let index = self.nextShard % self.shards.count
            let (records, isOpen) = try await self.readShard(at: index, limit: limit, streamARN: streamARN)
            self.nextShard = isOpen ? index + 1 : index
            tried += 1
            if !records.isEmpty { return records }
        }
        try await self.discoverShards(of: streamARN)
        return []
    }

    /// The ARN of the table's latest stream, looked up once.
    private func latestStreamARN() async throws(AWSServiceError) -> String {
        if let streamARN = self.streamARN { return streamARN }
        let table = try await self.dynamoDB.call("DescribeTable", ["TableName": .string(self.tableName)])
        guard let streamARN = table["Table"]?["LatestStreamArn"]?.stringValue else {
            throw AWSServiceError(
                .invalidRequest, message: "The table \(self.tableName) has no stream; enable one with NEW_IMAGE")
        }
        self.streamARN = streamARN
        return streamARN
    }

    /// Adds the stream's shards not seen before, each from its oldest record.
    private func discoverShards(of streamARN: String) async throws(AWSServiceError) {
        var startAfter: String?
        repeat {
            var input: [String: JSONValue] = ["StreamArn": .string(streamARN)]
            if let startAfter { input["ExclusiveStartShardId"] = .string(startAfter) }
            let description = try await self.streams.call("DescribeStream", .object(input))["StreamDescription"]
            for shard in description?["Shards"]?.arrayValue ?? [] {
                guard let id = shard["ShardId"]?.stringValue, !self.knownShards.contains(id) else { continue }
                let resumed = self.resumedPosition.flatMap { $0.streamARN == streamARN ? $0.shards[id] : nil }
                if let resumed { self.lastSequenceNumbers[id] = resumed }
                let iterator = try await self.iterator(of: id, streamARN: streamARN, after: resumed)
                self.knownShards.insert(id)
                self.shards.append((id: id, iterator: iterator))
            }
            startAfter = description?["LastEvaluatedShardId"]?.stringValue
        } while startAfter != nil
    }

    /// An iterator of shard `id` from the record after `sequenceNumber`, else (also when the stream no longer holds
    /// that record) from its oldest record.
    private func iterator(of id: String, streamARN: String, after sequenceNumber: String?)
        async throws(AWSServiceError) -> String
    {
        var input: [String: JSONValue] = [
            "StreamArn": .string(streamARN), "ShardId": .string(id), "ShardIteratorType": "TRIM_HORIZON",
        ]
        if let sequenceNumber {
            input["ShardIteratorType"] = "AFTER_SEQUENCE_NUMBER"
            input["SequenceNumber"] = .string(sequenceNumber)
        }
        let output: JSONValue
        do throws(AWSServiceError) {
            output = try await self.streams.call("GetShardIterator", .object(input))
        } catch  where sequenceNumber != nil && error.code == "TrimmedDataAccessException" {
            return try await self.iterator(of: id, streamARN: streamARN, after: nil)
        }
        guard let iterator = output["ShardIterator"]?.stringValue else {
            throw AWSServiceError(.invalidResponse, message: "GetShardIterator answered no iterator for shard \(id)")
        }
        return iterator
    }

    /// Reads the shard at `index` once, and says whether it is still open: a shard read to its end is dropped, an
    /// expired iterator renewed.
    private func readShard(at index: Int, limit: Int, streamARN: String) async throws(AWSServiceError)
        -> (records: [DynamoDBStreamEvent.Record], isOpen: Bool)
    {
        let shard = self.shards[index]
        let output: JSONValue
        do throws(AWSServiceError) {
            output = try await self.streams.call(
                "GetRecords",
                [
                    "ShardIterator": .string(shard.iterator),
                    "Limit": .number(Double(min(max(limit, 1), Self.maximumRecordsPerRead))),
                ])
        } catch  where error.code == "ExpiredIteratorException" {
            self.shards[index].iterator = try await self.iterator(
                of: shard.id, streamARN: streamARN, after: self.lastSequenceNumbers[shard.id])
            return ([], true)
        }
        let records = try (output["Records"]?.arrayValue ?? []).map { record throws(AWSServiceError) in
            try Self.record(record, streamARN: streamARN)
        }
        if let last = records.last { self.lastSequenceNumbers[shard.id] = last.dynamodb.sequenceNumber }
        guard let next = output["NextShardIterator"]?.stringValue else {
            self.shards.remove(at: index)
            return (records, false)
        }
        self.shards[index].iterator = next
        return (records, true)
    }

    /// `record` of `GetRecords` as Lambda hands it to a function, naming its stream.
    private static func record(_ record: JSONValue, streamARN: String) throws(AWSServiceError)
        -> DynamoDBStreamEvent.Record
    {
        guard var fields = record.objectValue else {
            throw AWSServiceError(.invalidResponse, message: "GetRecords answered a record that is not an object")
        }
        fields["eventSourceARN"] = .string(streamARN)
        do {
            return try JSONValueDecoder().decode(DynamoDBStreamEvent.Record.self, from: JSONValue.object(fields))
        } catch {
            throw AWSServiceError(
                .invalidResponse, message: "GetRecords answered a record that cannot be read: \(error)")
        }
    }
}
