import Cloud
import GRDB

/// A row of `queues`: a queue's name and configuration.
struct StoredQueue: Sendable {
    let name: String
    let configuration: QueueConfiguration

    /// The queue `name`.
    /// - Throws: ``MessageQueueError/Code/queueDoesNotExist`` when there is none.
    static func fetch(_ name: String, in db: Database) throws -> StoredQueue {
        guard let queue = try Self.find(name, in: db) else { throw MessageQueueError.queueDoesNotExist(name) }
        return queue
    }

    /// The queue `name`, if `name` is given and there is such a queue.
    static func find(_ name: String?, in db: Database) throws -> StoredQueue? {
        guard let name,
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM queues WHERE name = ?"), arguments: [name])
        else { return nil }
        var configuration = QueueConfiguration(
            fifo: row["fifo"],
            contentBasedDeduplication: row["content_based_deduplication"],
            visibilityTimeout: .milliseconds(row["visibility_timeout_ms"] as Int64),
            retention: .milliseconds(row["retention_ms"] as Int64),
            delay: .milliseconds(row["delay_ms"] as Int64),
            receiveWaitTime: .milliseconds(row["receive_wait_time_ms"] as Int64),
            maximumMessageSize: row["maximum_message_size"])
        if let deadLetterQueue: String = row["dead_letter_queue"] {
            configuration.redrivePolicy = RedrivePolicy(
                deadLetterQueue: deadLetterQueue, maxReceiveCount: row["max_receive_count"])
        }
        return StoredQueue(name: name, configuration: configuration)
    }

    /// Whether a queue names `name` as its dead-letter queue.
    static func isDeadLetterQueue(_ name: String, in db: Database) throws -> Bool {
        try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM queues WHERE dead_letter_queue = ?)", arguments: [name]) ?? false
    }

    /// Writes the queue as a new row.
    func insert(in db: Database) throws {
        let configuration = self.configuration
        try db.execute(
            sql: """
                INSERT INTO queues (name, fifo, content_based_deduplication, visibility_timeout_ms, retention_ms,
                    delay_ms, receive_wait_time_ms, maximum_message_size, dead_letter_queue, max_receive_count)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                self.name, configuration.fifo, configuration.contentBasedDeduplication,
                configuration.visibilityTimeout.wholeMilliseconds, configuration.retention.wholeMilliseconds,
                configuration.delay.wholeMilliseconds, configuration.receiveWaitTime.wholeMilliseconds,
                configuration.maximumMessageSize, configuration.redrivePolicy?.deadLetterQueue,
                configuration.redrivePolicy?.maxReceiveCount,
            ])
    }

    /// Writes the queue's configuration over its row's; its sequence numbers go on.
    func update(in db: Database) throws {
        let configuration = self.configuration
        try db.execute(
            sql: """
                UPDATE queues SET content_based_deduplication = ?, visibility_timeout_ms = ?, retention_ms = ?,
                    delay_ms = ?, receive_wait_time_ms = ?, maximum_message_size = ?, dead_letter_queue = ?,
                    max_receive_count = ?
                WHERE name = ?
                """,
            arguments: [
                configuration.contentBasedDeduplication, configuration.visibilityTimeout.wholeMilliseconds,
                configuration.retention.wholeMilliseconds, configuration.delay.wholeMilliseconds,
                configuration.receiveWaitTime.wholeMilliseconds, configuration.maximumMessageSize,
                configuration.redrivePolicy?.deadLetterQueue, configuration.redrivePolicy?.maxReceiveCount, self.name,
            ])
    }

    /// The next sequence number of this FIFO queue, as SQS writes it: 20 digits.
    func nextSequenceNumber(in db: Database) throws -> String {
        try db.execute(
            sql: "UPDATE queues SET last_sequence_number = last_sequence_number + 1 WHERE name = ?",
            arguments: [self.name])
        let number =
            try Int64.fetchOne(
                db, sql: "SELECT last_sequence_number FROM queues WHERE name = ?", arguments: [self.name]) ?? 0
        let digits = String(number)
        return String(repeating: "0", count: max(0, 20 - digits.count)) + digits
    }
}
