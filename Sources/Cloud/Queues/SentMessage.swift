/// What a queue answers to a message it accepted.
public struct SentMessage: Sendable, Hashable {
    /// The message's id (for a FIFO duplicate, the id of the message it duplicates).
    public var messageID: String
    /// The MD5 digest of the body, in lowercase hex, for the sender to check what arrived.
    public var md5OfBody: String
    /// The message's place in its FIFO queue; `nil` on a standard queue.
    public var sequenceNumber: String?

    /// An answer for the message `messageID`.
    public init(messageID: String, md5OfBody: String, sequenceNumber: String? = nil) {
        self.messageID = messageID
        self.md5OfBody = md5OfBody
        self.sequenceNumber = sequenceNumber
    }
}
