import Cloud
import JSONCoding

/// Messages as SQS's JSON protocol writes them: what `SendMessage` and its batch entries carry, and what
/// `ReceiveMessage` hands back, with the system attributes (`SentTimestamp`, `ApproximateReceiveCount`,
/// `AWSTraceHeader`, …) mapped onto the port's fields.
enum SQSMessageCoding {
    /// The fields `message` adds to a `SendMessage` input or a batch entry.
    static func fields(of message: OutgoingMessage) -> [String: JSONValue] {
        var fields: [String: JSONValue] = ["MessageBody": .string(message.body)]
        if let delay = message.delay { fields["DelaySeconds"] = .integer(delay.components.seconds) }
        if !message.messageAttributes.isEmpty {
            fields["MessageAttributes"] = .object(message.messageAttributes.mapValues(Self.attribute))
        }
        if let trace = message.traceHeader {
            fields["MessageSystemAttributes"] = [
                "AWSTraceHeader": ["DataType": "String", "StringValue": .string(trace)]
            ]
        }
        if let group = message.messageGroupID { fields["MessageGroupId"] = .string(group) }
        if let deduplication = message.deduplicationID { fields["MessageDeduplicationId"] = .string(deduplication) }
        return fields
    }

    /// What a send answered (`SendMessage` or one successful batch entry).
    static func sentMessage(from output: JSONValue) throws(MessageQueueError) -> SentMessage {
        guard let id = output["MessageId"]?.stringValue, let digest = output["MD5OfMessageBody"]?.stringValue else {
            throw MessageQueueError(.unavailable, "SQS answered a send without a message id and digest")
        }
        return SentMessage(messageID: id, md5OfBody: digest, sequenceNumber: output["SequenceNumber"]?.stringValue)
    }

    /// One message of a `ReceiveMessage` answer.
    static func receivedMessage(from message: JSONValue) throws(MessageQueueError) -> ReceivedMessage {
        guard let id = message["MessageId"]?.stringValue, let handle = message["ReceiptHandle"]?.stringValue,
            let body = message["Body"]?.stringValue, let digest = message["MD5OfBody"]?.stringValue
        else {
            throw MessageQueueError(.unavailable, "SQS answered a receive with an incomplete message")
        }
        let system = message["Attributes"]?.objectValue ?? [:]
        func number(_ name: String) -> Int64 { system[name]?.stringValue.flatMap { Int64($0) } ?? 0 }
        var attributes: [String: MessageAttributeValue] = [:]
        for (name, value) in message["MessageAttributes"]?.objectValue ?? [:] {
            guard let decoded = Self.attributeValue(value) else {
                throw MessageQueueError(.unavailable, "SQS answered with an unreadable message attribute \(name)")
            }
            attributes[name] = decoded
        }
        return ReceivedMessage(
            messageID: id, receiptHandle: handle, body: body, md5OfBody: digest, messageAttributes: attributes,
            receiveCount: Int(number("ApproximateReceiveCount")), sentTimestamp: number("SentTimestamp"),
            firstReceiveTimestamp: number("ApproximateFirstReceiveTimestamp"),
            traceHeader: system["AWSTraceHeader"]?.stringValue, messageGroupID: system["MessageGroupId"]?.stringValue,
            deduplicationID: system["MessageDeduplicationId"]?.stringValue,
            sequenceNumber: system["SequenceNumber"]?.stringValue)
    }

    private static func attribute(_ value: MessageAttributeValue) -> JSONValue {
        switch value {
        case .string(let text), .number(let text):
            ["DataType": .string(value.dataType), "StringValue": .string(text)]
        case .binary(let bytes):
            ["DataType": "Binary", "BinaryValue": .string(Base64.encode(bytes))]
        }
    }

    private static func attributeValue(_ value: JSONValue) -> MessageAttributeValue? {
        guard let dataType = value["DataType"]?.stringValue else { return nil }
        // Custom types (`Number.float`, `String.json`) keep their base type.
        let base = String(dataType.prefix { $0 != "." })
        if base == "Binary" {
            return value["BinaryValue"]?.stringValue.flatMap(Base64.decode).map(MessageAttributeValue.binary)
        }
        return value["StringValue"]?.stringValue.flatMap {
            MessageAttributeValue(dataType: base, bytes: Array($0.utf8))
        }
    }
}
