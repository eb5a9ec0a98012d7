public import Cloud
import JSONCoding
import Synchronization

/// The ``MessageQueue`` port on Amazon SQS, over its JSON protocol: queues are addressed by name and found by
/// `GetQueueUrl` (remembered), every port operation is one SQS action, and SQS's errors become the port's.
///
/// Requests are checked against the port's rules before they are sent, as the local queues check them, so that both
/// refuse the same requests with the same codes: to check a message, a queue's configuration is asked of SQS once
/// (the port cannot change it).
///
/// Two things differ from the local queues by SQS's nature: message counts are approximate, and
/// ``startMessageMove(from:to:)`` starts SQS's asynchronous move task and returns the number of messages visible
/// when it started, not the number moved.
public final class SQSQueue: MessageQueue {
    private let client: AWSJSONClient
    private let urls = Mutex<[String: String]>([:])
    private let arns = Mutex<[String: String]>([:])
    private let configurations = Mutex<[String: QueueConfiguration]>([:])

    /// Queues reached through `client`, a client for ``AWSServiceDescription/sqs``.
    public init(client: AWSJSONClient) {
        self.client = client
    }

    /// Creates the queue with `configuration`'s attributes; a redrive policy's dead-letter queue must exist.
    public func createQueue(_ name: String, configuration: QueueConfiguration) async throws(MessageQueueError) {
        try configuration.validate(forQueueNamed: name)
        let output = try await self.call(
            "CreateQueue",
            [
                "QueueName": .string(name),
                "Attributes": SQSQueueAttributes.attributes(
                    of: configuration, deadLetterARN: try await self.deadLetterARN(of: configuration)),
            ])
        if let url = output["QueueUrl"]?.stringValue { self.urls.withLock { $0[name] = url } }
        self.configurations.withLock { $0[name] = configuration }
    }

    /// `SetQueueAttributes` with `configuration`'s attributes (without `FifoQueue`, which SQS sets only at creation).
    public func setConfiguration(_ configuration: QueueConfiguration, of name: String) async throws(MessageQueueError) {
        try configuration.validate(forQueueNamed: name)
        let url = try await self.url(of: name)
        var attributes =
            SQSQueueAttributes.attributes(
                of: configuration, deadLetterARN: try await self.deadLetterARN(of: configuration)
            ).objectValue ?? [:]
        attributes["FifoQueue"] = nil
        _ = try await self.call("SetQueueAttributes", ["QueueUrl": .string(url), "Attributes": .object(attributes)])
        self.configurations.withLock { $0[name] = configuration }
    }

    /// Every queue's name, from `ListQueues` page by page, sorted.
    public func queueNames() async throws(MessageQueueError) -> [String] {
        var names: [String] = []
        var token: JSONValue?
        repeat {
            var input: [String: JSONValue] = ["MaxResults": 1000]
            if let token { input["NextToken"] = token }
            let output = try await self.call("ListQueues", .object(input))
            for url in output["QueueUrls"]?.arrayValue ?? [] {
                if let name = url.stringValue?.split(separator: "/").last { names.append(String(name)) }
            }
            token = output["NextToken"]?.stringValue.map(JSONValue.string)
        } while token != nil
        return names.sorted()
    }

    /// The ARN of the dead-letter queue of `configuration`'s redrive policy, if it has one.
    private func deadLetterARN(of configuration: QueueConfiguration) async throws(MessageQueueError) -> String? {
        guard let policy = configuration.redrivePolicy else { return nil }
        do throws(MessageQueueError) {
            return try await self.arn(of: policy.deadLetterQueue)
        } catch  where error.code == .queueDoesNotExist {
            throw .invalidParameter("RedrivePolicy", "the dead-letter queue \(policy.deadLetterQueue) does not exist")
        }
    }

    /// Deletes the queue and forgets its URL.
    public func deleteQueue(_ name: String) async throws(MessageQueueError) {
        let url = try await self.url(of: name)
        _ = try await self.call("DeleteQueue", ["QueueUrl": .string(url)])
        self.urls.withLock { _ = $0.removeValue(forKey: name) }
        self.arns.withLock { _ = $0.removeValue(forKey: name) }
        self.configurations.withLock { _ = $0.removeValue(forKey: name) }
    }

    /// `SendMessage`.
    public func send(_ message: OutgoingMessage, to queue: String) async throws(MessageQueueError) -> SentMessage {
        try message.validate(for: try await self.configuration(of: queue))
        var input = SQSMessageCoding.fields(of: message)
        input["QueueUrl"] = .string(try await self.url(of: queue))
        return try SQSMessageCoding.sentMessage(from: try await self.call("SendMessage", .object(input)))
    }

    /// `SendMessageBatch` of the entries that pass the port's checks; the others fail on their own, as the local
    /// queues fail them, without being sent.
    public func sendBatch(_ entries: [BatchEntry], to queue: String) async throws(MessageQueueError) -> BatchResult {
        try MessageQueueRequest.checkBatch(entries)
        let configuration = try await self.configuration(of: queue)
        var result = BatchResult()
        var encoded: [JSONValue] = []
        for entry in entries {
            do throws(MessageQueueError) {
                try entry.message.validate(for: configuration)
            } catch {
                result.failed.append(BatchResult.Failure(id: entry.id, error: error, senderFault: true))
                continue
            }
            var fields = SQSMessageCoding.fields(of: entry.message)
            fields["Id"] = .string(entry.id)
            encoded.append(.object(fields))
        }
        guard !encoded.isEmpty else { return result }
        let url = try await self.url(of: queue)
        let output = try await self.call("SendMessageBatch", ["QueueUrl": .string(url), "Entries": .array(encoded)])
        for success in output["Successful"]?.arrayValue ?? [] {
            guard let id = success["Id"]?.stringValue else { continue }
            result.successful[id] = try SQSMessageCoding.sentMessage(from: success)
        }
        result.failed += Self.failures(in: output)
        return result
    }

    /// `DeleteMessageBatch`.
    public func deleteBatch(_ entries: [ReceiptBatchEntry], from queue: String) async throws(MessageQueueError)
        -> [BatchResult.Failure]
    {
        try MessageQueueRequest.checkBatchIDs(entries.map(\.id))
        let url = try await self.url(of: queue)
        let encoded: [JSONValue] = entries.map { ["Id": .string($0.id), "ReceiptHandle": .string($0.receiptHandle)] }
        return Self.failures(
            in: try await self.call("DeleteMessageBatch", ["QueueUrl": .string(url), "Entries": .array(encoded)]))
    }

    /// The entries a batch action's `output` lists as `Failed`, with their SQS codes.
    private static func failures(in output: JSONValue) -> [BatchResult.Failure] {
        (output["Failed"]?.arrayValue ?? []).compactMap { failure in
            guard let id = failure["Id"]?.stringValue else { return nil }
            let senderFault = failure["SenderFault"] == .bool(true)
            let error = MessageQueueError(
                sqsCode: failure["Code"]?.stringValue ?? "InternalError",
                message: failure["Message"]?.stringValue ?? "The entry failed", senderFault: senderFault)
            return BatchResult.Failure(id: id, error: error, senderFault: senderFault)
        }
    }

    /// `ReceiveMessage`, asking for every system and message attribute.
    public func receive(
        from queue: String, maxMessages: Int, waitTime: Duration?, visibilityTimeout: Duration?
    ) async throws(MessageQueueError) -> [ReceivedMessage] {
        try MessageQueueRequest.checkReceive(
            maxMessages: maxMessages, waitTime: waitTime, visibilityTimeout: visibilityTimeout)
        var input: [String: JSONValue] = [
            "QueueUrl": .string(try await self.url(of: queue)),
            "MaxNumberOfMessages": .integer(Int64(maxMessages)),
            "MessageSystemAttributeNames": ["All"],
            "AttributeNames": ["All"],
            "MessageAttributeNames": ["All"],
        ]
        if let waitTime { input["WaitTimeSeconds"] = .integer(waitTime.components.seconds) }
        if let visibilityTimeout { input["VisibilityTimeout"] = .integer(visibilityTimeout.components.seconds) }
        let output = try await self.call("ReceiveMessage", .object(input))
        var messages: [ReceivedMessage] = []
        for message in output["Messages"]?.arrayValue ?? [] {
            messages.append(try SQSMessageCoding.receivedMessage(from: message))
        }
        return messages
    }

    /// `DeleteMessage`.
    public func delete(receiptHandle: String, from queue: String) async throws(MessageQueueError) {
        let url = try await self.url(of: queue)
        _ = try await self.call("DeleteMessage", ["QueueUrl": .string(url), "ReceiptHandle": .string(receiptHandle)])
    }

    /// `ChangeMessageVisibility`.
    public func changeVisibility(
        receiptHandle: String, timeout: Duration, in queue: String
    ) async throws(MessageQueueError) {
        try MessageQueueRequest.check("VisibilityTimeout", timeout, in: .zero...MessageQueueLimits.visibilityTimeout)
        let url = try await self.url(of: queue)
        _ = try await self.call(
            "ChangeMessageVisibility",
            [
                "QueueUrl": .string(url), "ReceiptHandle": .string(receiptHandle),
                "VisibilityTimeout": .integer(timeout.components.seconds),
            ])
    }

    /// `GetQueueAttributes` for all attributes.
    public func attributes(of queue: String) async throws(MessageQueueError) -> QueueAttributes {
        SQSQueueAttributes.queueAttributes(from: try await self.allAttributes(of: queue))
    }

    /// `PurgeQueue`.
    public func purge(_ queue: String) async throws(MessageQueueError) {
        _ = try await self.call("PurgeQueue", ["QueueUrl": .string(try await self.url(of: queue))])
    }

    /// `ListQueueTags`.
    public func tags(of queue: String) async throws(MessageQueueError) -> [String: String] {
        let output = try await self.call("ListQueueTags", ["QueueUrl": .string(try await self.url(of: queue))])
        return (output["Tags"]?.objectValue ?? [:]).compactMapValues(\.stringValue)
    }

    /// `TagQueue`, after the port's bounds are checked here (SQS keeps its count limit to itself).
    public func tag(_ queue: String, with tags: [String: String]) async throws(MessageQueueError) {
        try QueueTags.validate(tags)
        let count = try await self.tags(of: queue).merging(tags) { _, new in new }.count
        try QueueTags.checkCount(count, queue: queue)
        _ = try await self.call(
            "TagQueue",
            ["QueueUrl": .string(try await self.url(of: queue)), "Tags": .object(tags.mapValues(JSONValue.string))])
    }

    /// `UntagQueue` (none when there are no keys, which SQS would refuse).
    public func untag(_ queue: String, keys: [String]) async throws(MessageQueueError) {
        guard !keys.isEmpty else {
            _ = try await self.url(of: queue)
            return
        }
        _ = try await self.call(
            "UntagQueue",
            ["QueueUrl": .string(try await self.url(of: queue)), "TagKeys": .array(keys.map(JSONValue.string))])
    }

    /// `StartMessageMove` from the dead-letter queue to `destination` (each message's source queue when `nil`);
    /// returns how many messages were visible in the dead-letter queue when the move started.
    public func startMessageMove(
        from deadLetterQueue: String, to destination: String?
    ) async throws(MessageQueueError) -> Int {
        let attributes = try await self.allAttributes(of: deadLetterQueue)
        guard let sourceARN = attributes["QueueArn"]?.stringValue else {
            throw MessageQueueError(.unavailable, "SQS named no ARN for \(deadLetterQueue)")
        }
        var input: [String: JSONValue] = ["SourceArn": .string(sourceARN)]
        if let destination { input["DestinationArn"] = .string(try await self.arn(of: destination)) }
        _ = try await self.call("StartMessageMove", .object(input))
        return SQSQueueAttributes.queueAttributes(from: attributes).visibleMessages
    }

    // MARK: Addressing

    /// The URL of the queue `name`, asked of SQS once.
    private func url(of name: String) async throws(MessageQueueError) -> String {
        if let known = self.urls.withLock({ $0[name] }) { return known }
        guard let url = try await self.call("GetQueueUrl", ["QueueName": .string(name)])["QueueUrl"]?.stringValue
        else { throw MessageQueueError(.unavailable, "SQS answered GetQueueUrl without a URL") }
        self.urls.withLock { $0[name] = url }
        return url
    }

    /// The configuration of the queue `name`, asked of SQS once.
    private func configuration(of name: String) async throws(MessageQueueError) -> QueueConfiguration {
        if let known = self.configurations.withLock({ $0[name] }) { return known }
        let configuration = SQSQueueAttributes.queueAttributes(from: try await self.allAttributes(of: name))
            .configuration
        self.configurations.withLock { $0[name] = configuration }
        return configuration
    }

    /// The ARN of the queue `name`, asked of SQS once.
    private func arn(of name: String) async throws(MessageQueueError) -> String {
        if let known = self.arns.withLock({ $0[name] }) { return known }
        guard let arn = try await self.allAttributes(of: name)["QueueArn"]?.stringValue else {
            throw MessageQueueError(.unavailable, "SQS named no ARN for \(name)")
        }
        self.arns.withLock { $0[name] = arn }
        return arn
    }

    private func allAttributes(of name: String) async throws(MessageQueueError) -> [String: JSONValue] {
        let url = try await self.url(of: name)
        let output = try await self.call("GetQueueAttributes", ["QueueUrl": .string(url), "AttributeNames": ["All"]])
        return output["Attributes"]?.objectValue ?? [:]
    }

    private func call(_ operation: String, _ input: JSONValue) async throws(MessageQueueError) -> JSONValue {
        do throws(AWSServiceError) {
            return try await self.client.call(operation, input)
        } catch {
            throw MessageQueueError(error)
        }
    }
}
