import Cloud
import GRDB

/// One look for messages in one transaction: drops the messages whose retention passed, moves those received too
/// often to the dead-letter queue, and hides and counts up to the requested number of the rest. A FIFO queue hands
/// out its messages in order, and none of a group while another of that group is in flight.
struct QueueReceive: Sendable {
    /// What the look found.
    struct Outcome: Sendable {
        /// The messages received.
        var messages: [ReceivedMessage] = []
        /// The queue's own receive wait time.
        var queueWaitTime = Duration.zero
        /// The dead-letter queue that messages were moved to, if any were.
        var deadLetterQueue: String?
        /// When the next hidden message of the queue becomes visible, if one does.
        var nextVisibleAt: Int64?
    }

    /// How many visible messages are read at a time while looking for ones to hand out.
    private static let candidatesPerRead = 64

    let queue: String
    let maxMessages: Int
    let visibilityTimeout: Duration?
    let now: Int64

    func run(in db: Database) throws -> Outcome {
        let queue = try StoredQueue.fetch(self.queue, in: db)
        var outcome = Outcome(queueWaitTime: queue.configuration.receiveWaitTime)
        try StoredMessage.deleteExpired(in: queue.name, now: self.now, in: db)
        let inFlight =
            try Int.fetchOne(
                db.cachedStatement(
                    sql: "SELECT count(*) FROM messages WHERE queue = ? AND receive_count > 0 AND visible_at_ms > ?"),
                arguments: [queue.name, self.now]) ?? 0
        guard inFlight < MessageQueueLimits.inFlightMessages else {
            throw MessageQueueError(.overLimit, "The queue \(queue.name) has \(inFlight) messages in flight")
        }
        // A dead-letter queue deleted since leaves the messages where they are.
        let deadLetterQueue = try StoredQueue.find(queue.configuration.redrivePolicy?.deadLetterQueue, in: db)
        let blockedGroups = queue.configuration.fifo ? try self.groupsInFlight(of: queue.name, in: db) : []
        let visibleAt = self.now + (self.visibilityTimeout ?? queue.configuration.visibilityTimeout).wholeMilliseconds
        var after: Int64 = 0
        reading: while outcome.messages.count < self.maxMessages {
            let candidates = try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT seq, group_id, receive_count FROM messages INDEXED BY messages_by_queue
                        WHERE queue = ? AND seq > ? AND visible_at_ms <= ? ORDER BY seq LIMIT ?
                        """),
                arguments: [queue.name, after, self.now, Self.candidatesPerRead])
            for candidate in candidates {
                let seq: Int64 = candidate["seq"]
                after = seq
                let group: String? = candidate["group_id"]
                if let group, blockedGroups.contains(group) { continue }
                if let deadLetterQueue, let policy = queue.configuration.redrivePolicy,
                    candidate["receive_count"] as Int >= policy.maxReceiveCount
                {
                    try StoredMessage.moveToDeadLetterQueue(
                        seq, from: queue, to: deadLetterQueue, now: self.now, in: db)
                    outcome.deadLetterQueue = deadLetterQueue.name
                    continue
                }
                let handle = try StoredMessage.markReceived(seq, now: self.now, visibleAt: visibleAt, in: db)
                outcome.messages.append(try StoredMessage.received(seq, handle: handle, in: db))
                if outcome.messages.count == self.maxMessages { break reading }
            }
            if candidates.count < Self.candidatesPerRead { break }
        }
        if outcome.messages.isEmpty {
            outcome.nextVisibleAt = try Int64.fetchOne(
                db.cachedStatement(
                    sql: "SELECT min(visible_at_ms) FROM messages WHERE queue = ? AND visible_at_ms > ?"),
                arguments: [queue.name, self.now])
        }
        return outcome
    }

    /// The message groups of the FIFO queue `queue` with a message in flight.
    private func groupsInFlight(of queue: String, in db: Database) throws -> Set<String> {
        Set(
            try String.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT group_id FROM messages
                    WHERE queue = ? AND receive_count > 0 AND visible_at_ms > ? AND group_id IS NOT NULL
                    """,
                arguments: [queue, self.now]))
    }
}
