public import Cloud

/// One queue's state as `GET /_stratus/api/queues` and `stratus queues` show it: its messages by state, the age of
/// its oldest, and the depth of its dead-letter queue.
public struct QueueStatistics: Codable, Sendable, Hashable {
    /// The queue's name.
    public var name: String
    /// Messages ready to be received.
    public var visible: Int
    /// Messages received and neither deleted nor visible again.
    public var inFlight: Int
    /// Messages waiting out a delay.
    public var delayed: Int
    /// How long ago the oldest message still in the queue was sent, in whole seconds; `nil` for an empty queue.
    public var oldestMessageAgeSeconds: Int64?
    /// The queue's dead-letter queue, if it has one.
    public var deadLetterQueue: String?
    /// The messages ready to be received in that dead-letter queue; `nil` without one, or when it was deleted.
    public var deadLetterDepth: Int?

    /// The statistics of every queue of `queues`, in name order. A queue deleted while they are read is left out.
    public static func collect(from queues: any MessageQueue) async throws(MessageQueueError) -> [QueueStatistics] {
        var statistics: [QueueStatistics] = []
        for name in try await queues.queueNames() {
            guard let attributes = try await Self.attributes(of: name, in: queues) else { continue }
            let deadLetterQueue = attributes.configuration.redrivePolicy?.deadLetterQueue
            let deadLetter = try await deadLetterQueue.asyncMap { name throws(MessageQueueError) in
                try await Self.attributes(of: name, in: queues)
            }
            statistics.append(
                QueueStatistics(
                    name: name, visible: attributes.visibleMessages, inFlight: attributes.inFlightMessages,
                    delayed: attributes.delayedMessages,
                    oldestMessageAgeSeconds: attributes.oldestMessageAge?.components.seconds,
                    deadLetterQueue: deadLetterQueue, deadLetterDepth: deadLetter??.visibleMessages))
        }
        return statistics
    }

    /// The attributes of the queue `name`, or `nil` when it does not exist.
    private static func attributes(of name: String, in queues: any MessageQueue) async throws(MessageQueueError)
        -> QueueAttributes?
    {
        do {
            return try await queues.attributes(of: name)
        } catch let error where error.code == .queueDoesNotExist {
            return nil
        }
    }
}

extension Optional {
    /// The result of `transform` on the wrapped value, or `nil`.
    fileprivate func asyncMap<T, E: Error>(_ transform: (Wrapped) async throws(E) -> T) async throws(E) -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
