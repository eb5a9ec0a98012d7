import Cloud
import JSONCoding

extension SQSOperations {
    /// `ReceiveMessage`: up to `MaxNumberOfMessages` messages of the queue of `QueueUrl`, waiting up to
    /// `WaitTimeSeconds`, hidden for `VisibilityTimeout`; each with the system attributes `MessageSystemAttributeNames`
    /// (or the older `AttributeNames`) and the message attributes `MessageAttributeNames` ask for (`All`, `.*`, a
    /// prefix `name.*`, or a name).
    static func receiveMessage(_ queues: any MessageQueue) -> AWSOperation {
        AWSOperation("ReceiveMessage") { request throws(AWSProtocolError) in
            let input = request.input
            let queue = try SQSQueueAddress.queue(of: input)
            let maxMessages = try input.integer("MaxNumberOfMessages", in: 1...MessageQueueLimits.batchEntries) ?? 1
            let waitTime = try input.integer(
                "WaitTimeSeconds", in: 0...Int(MessageQueueLimits.waitTime.components.seconds))
            let visibilityTimeout = try input.integer(
                "VisibilityTimeout", in: 0...Int(MessageQueueLimits.visibilityTimeout.components.seconds))
            let systemNames = Set(
                try (input.strings("MessageSystemAttributeNames") ?? []) + (input.strings("AttributeNames") ?? []))
            let attributeNames = try input.strings("MessageAttributeNames") ?? []
            let messages = try await SQSErrors.run { () throws(MessageQueueError) in
                try await queues.receive(
                    from: queue, maxMessages: maxMessages, waitTime: waitTime.map { .seconds($0) },
                    visibilityTimeout: visibilityTimeout.map { .seconds($0) })
            }
            // SQS leaves `Messages` out when there are none, as SDK callers expect (`response.get("Messages", [])`).
            guard !messages.isEmpty else { return [:] }
            return [
                "Messages": .array(
                    messages.map { message in
                        Self.json(of: message, systemAttributes: systemNames, messageAttributes: attributeNames)
                    })
            ]
        }
    }

    /// A received message as SQS answers it, with the attributes asked for and their digest.
    private static func json(
        of message: ReceivedMessage, systemAttributes names: Set<String>, messageAttributes patterns: [String]
    ) -> JSONValue {
        var members: [String: JSONValue] = [
            "MessageId": .string(message.messageID), "ReceiptHandle": .string(message.receiptHandle),
            "MD5OfBody": .string(message.md5OfBody), "Body": .string(message.body),
        ]
        let system = Self.systemAttributes(of: message).filter { names.contains("All") || names.contains($0.key) }
        if !system.isEmpty { members["Attributes"] = .object(system.mapValues(JSONValue.string)) }
        let attributes = message.messageAttributes.filter { name, _ in
            patterns.contains { pattern in Self.matches(name, pattern) }
        }
        if let digest = SQSMessageAttributes.md5(of: attributes) {
            members["MessageAttributes"] = SQSMessageAttributes.encode(attributes)
            members["MD5OfMessageAttributes"] = .string(digest)
        }
        return .object(members)
    }

    /// Every system attribute SQS gives `message`, by name.
    private static func systemAttributes(of message: ReceivedMessage) -> [String: String] {
        var attributes = [
            "SenderId": SQSQueueAddress.accountID, "SentTimestamp": String(message.sentTimestamp),
            "ApproximateReceiveCount": String(message.receiveCount),
            "ApproximateFirstReceiveTimestamp": String(message.firstReceiveTimestamp),
        ]
        attributes["AWSTraceHeader"] = message.traceHeader
        attributes["MessageGroupId"] = message.messageGroupID
        attributes["MessageDeduplicationId"] = message.deduplicationID
        attributes["SequenceNumber"] = message.sequenceNumber
        return attributes
    }

    /// Whether the attribute `name` is one `pattern` of `MessageAttributeNames` asks for.
    private static func matches(_ name: String, _ pattern: String) -> Bool {
        if pattern == "All" || pattern == ".*" { return true }
        if pattern.hasSuffix(".*") { return name.hasPrefix(pattern.dropLast(1)) }
        return name == pattern
    }
}
