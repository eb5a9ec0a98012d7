package import Cloud

/// Why a consumer last failed a message: `DLQREASON#<messageId>` / `REASON`, kept for two weeks (SQS's longest
/// retention), so the dead-letter processor can say why a message ended up in the dead-letter queue. The reason is
/// the error's description, cut to ``maximumReasonLength``; never the message's body.
package struct DeadLetterReason: Sendable, Equatable {
    /// The longest reason kept, in characters.
    package static let maximumReasonLength = 1000
    /// How long a reason is kept: 14 days, in seconds.
    package static let retentionSeconds: Int64 = 14 * 24 * 60 * 60

    /// The failed message's SQS ID.
    package var messageID: String
    /// What went wrong, in a sentence.
    package var reason: String
    /// How many times the message had been received when it failed.
    package var receiveCount: Int
    /// When it failed, ISO 8601 in UTC.
    package var recordedAt: String

    /// The key of the reason for the message with `messageID`.
    package static func key(messageID: String) -> ItemKey {
        ItemKey(partition: "DLQREASON#\(messageID)", sort: "REASON")
    }

    /// The item, expiring ``retentionSeconds`` after `nowSeconds`.
    func item(expiringAfter nowSeconds: Int64) -> Item {
        var item = Item(Self.key(messageID: self.messageID).attributes)
        item["messageId"] = .string(self.messageID)
        item["reason"] = .string(String(self.reason.prefix(Self.maximumReasonLength)))
        item["receiveCount"] = .int(self.receiveCount)
        item["recordedAt"] = .string(self.recordedAt)
        item[TableSchema.expiresAt] = .int(Int(nowSeconds + Self.retentionSeconds))
        return item
    }

    /// The reason in `item`, or `nil` when the item is not a well-formed reason.
    package init?(item: Item) {
        guard let messageID = item.string("messageId"), let reason = item.string("reason"),
            let receiveCount = item.int("receiveCount"), let recordedAt = item.string("recordedAt")
        else { return nil }
        self.init(messageID: messageID, reason: reason, receiveCount: receiveCount, recordedAt: recordedAt)
    }

    /// A reason for the message with `messageID`.
    package init(messageID: String, reason: String, receiveCount: Int, recordedAt: String) {
        self.messageID = messageID
        self.reason = reason
        self.receiveCount = receiveCount
        self.recordedAt = recordedAt
    }
}
