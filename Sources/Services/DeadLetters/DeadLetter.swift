package import Cloud

/// A message that ended up in a dead-letter queue, as the ``DeadLetterProcessor`` keeps it:
/// `DEADLETTER#<messageId>` / `DETAILS`, and in the index `DEADLETTERS` / `<recordedAt>#<messageId>` so every dead
/// letter lists newest first. Dead letters are rare, so one index partition holds them all.
package struct DeadLetter: Codable, Sendable, Equatable {
    /// The index partition of every dead letter.
    static let indexPartition = "DEADLETTERS"

    /// The message's SQS ID, which a dead-letter queue keeps.
    package var messageId: String
    /// The queue the message failed in.
    package var sourceQueue: String
    /// The dead-letter queue it was taken from.
    package var deadLetterQueue: String
    /// How many times it had been received when it was given up.
    package var receiveCount: Int
    /// Its first receive, ISO 8601 in UTC.
    package var firstReceivedAt: String
    /// When the consumer last failed it, ISO 8601 in UTC; `nil` when the consumer kept no reason.
    package var lastReceivedAt: String?
    /// The consumer's last error for it; `nil` when the consumer kept no reason.
    package var lastError: String?
    /// The message's body, as sent.
    package var body: String
    /// The `AWSTraceHeader` it carried, so a redrive continues its trace.
    package var traceHeader: String?
    /// Whether it was sent back.
    package var status: DeadLetterStatus
    /// When the processor recorded it, ISO 8601 in UTC.
    package var recordedAt: String
    /// When it was sent back, ISO 8601 in UTC.
    package var redrivenAt: String?

    /// The key of the dead letter with `messageID`.
    package static func key(messageID: String) -> ItemKey {
        ItemKey(partition: "DEADLETTER#\(messageID)", sort: "DETAILS")
    }

    /// The item that keeps the dead letter.
    var item: Item {
        var item = Item(Self.key(messageID: self.messageId).attributes)
        item[TableSchema.indexPartitionKey] = .string(Self.indexPartition)
        item[TableSchema.indexSortKey] = .string("\(self.recordedAt)#\(self.messageId)")
        item["messageId"] = .string(self.messageId)
        item["sourceQueue"] = .string(self.sourceQueue)
        item["deadLetterQueue"] = .string(self.deadLetterQueue)
        item["receiveCount"] = .int(self.receiveCount)
        item["firstReceivedAt"] = .string(self.firstReceivedAt)
        item["lastReceivedAt"] = self.lastReceivedAt.map(AttributeValue.string)
        item["lastError"] = self.lastError.map(AttributeValue.string)
        item["body"] = .string(self.body)
        item["traceHeader"] = self.traceHeader.map(AttributeValue.string)
        item["status"] = .string(self.status.rawValue)
        item["recordedAt"] = .string(self.recordedAt)
        item["redrivenAt"] = self.redrivenAt.map(AttributeValue.string)
        return item
    }

    /// The dead letter in `item`, or `nil` when the item is not a well-formed one.
    package init?(item: Item) {
        guard let messageID = item.string("messageId"), let sourceQueue = item.string("sourceQueue"),
            let deadLetterQueue = item.string("deadLetterQueue"), let receiveCount = item.int("receiveCount"),
            let firstReceivedAt = item.string("firstReceivedAt"), let body = item.string("body"),
            let status = item.string("status").flatMap(DeadLetterStatus.init(rawValue:)),
            let recordedAt = item.string("recordedAt")
        else { return nil }
        self.messageId = messageID
        self.sourceQueue = sourceQueue
        self.deadLetterQueue = deadLetterQueue
        self.receiveCount = receiveCount
        self.firstReceivedAt = firstReceivedAt
        self.lastReceivedAt = item.string("lastReceivedAt")
        self.lastError = item.string("lastError")
        self.body = body
        self.traceHeader = item.string("traceHeader")
        self.status = status
        self.recordedAt = recordedAt
        self.redrivenAt = item.string("redrivenAt")
    }

    /// A dead letter still `dead`, as the processor first records it.
    init(
        messageID: String, sourceQueue: String, deadLetterQueue: String, receiveCount: Int, firstReceivedAt: String,
        reason: DeadLetterReason?, body: String, traceHeader: String?, recordedAt: String
    ) {
        self.messageId = messageID
        self.sourceQueue = sourceQueue
        self.deadLetterQueue = deadLetterQueue
        self.receiveCount = max(receiveCount, reason?.receiveCount ?? 0)
        self.firstReceivedAt = firstReceivedAt
        self.lastReceivedAt = reason?.recordedAt
        self.lastError = reason?.reason
        self.body = body
        self.traceHeader = traceHeader
        self.status = .dead
        self.recordedAt = recordedAt
        self.redrivenAt = nil
    }
}
