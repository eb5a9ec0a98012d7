import Cloud
import JSONCoding
import LambdaEvents
import NIOCore

/// The records of one invocation as a poller gathers them: the messages received, in order, and the `SQSEvent`
/// they make, which stays within the bytes a synchronous invocation may carry.
struct QueueBatch: Sendable {
    /// The ARN the records name as their `eventSourceARN`.
    let queueARN: String
    /// The region the records name.
    let region: String
    /// The most records the batch takes.
    let capacity: Int
    /// The messages gathered, in the order received.
    private(set) var messages: [ReceivedMessage] = []
    /// Whether a message was turned away because the event would have grown too large.
    private(set) var overflowed = false
    private var records: [[UInt8]] = []
    /// Where each message id sits in ``messages``.
    private var positions: [String: Int] = [:]
    private var eventBytes = Self.envelope.count

    /// The event's text around its records.
    private static let envelope = Array(#"{"Records":[]}"#.utf8)

    /// An empty batch of at most `capacity` records from the queue `queueARN`.
    init(queueARN: String, region: String, capacity: Int) {
        self.queueARN = queueARN
        self.region = region
        self.capacity = capacity
    }

    /// Whether no message was gathered.
    var isEmpty: Bool { self.messages.isEmpty }

    /// Whether the batch takes no more messages: it holds `capacity` of them, or the last one did not fit.
    var isClosed: Bool { self.overflowed || self.messages.count >= self.capacity }

    /// How many messages the next receive asks for: what is left of the capacity, at most a receive's ten.
    var nextReceiveSize: Int { min(MessageQueueLimits.batchEntries, self.capacity - self.messages.count) }

    /// Adds `message` as the next record; returns `false`, and closes the batch, when its record would take the
    /// event past ``EventSourceMapping/maximumPayloadBytes``. A message received again while the batch gathers (its
    /// visibility timeout ended before the batching window did) takes the place of its earlier receipt, whose
    /// handle is no longer valid.
    mutating func append(_ message: ReceivedMessage) -> Bool {
        let position = self.positions[message.messageID]
        guard position != nil || !self.isClosed else { return false }
        let record = SQSEvent.Message(received: message, queueARN: self.queueARN, region: self.region)
        let replaced = position.map { self.records[$0].count } ?? 0
        let separator = position != nil || self.records.isEmpty ? 0 : 1
        guard let encoded = try? StreamingJSONEncoder().encode(record),
            self.eventBytes - replaced + separator + encoded.count <= EventSourceMapping.maximumPayloadBytes
        else {
            self.overflowed = true
            return false
        }
        self.eventBytes += separator + encoded.count - replaced
        if let position {
            self.records[position] = encoded
            self.messages[position] = message
        } else {
            self.positions[message.messageID] = self.messages.count
            self.records.append(encoded)
            self.messages.append(message)
        }
        return true
    }

    /// The `SQSEvent` of the records, as JSON.
    var event: ByteBuffer {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(self.eventBytes)
        buffer.writeBytes(Self.envelope.dropLast(2))
        for (index, record) in self.records.enumerated() {
            if index > 0 { buffer.writeInteger(UInt8(ascii: ",")) }
            buffer.writeBytes(record)
        }
        buffer.writeBytes(Self.envelope.suffix(2))
        return buffer
    }
}
