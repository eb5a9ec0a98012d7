public import Cloud
import GRDB
import Hashing
import Identifiers

/// The ``MessageQueue`` of the local cloud: SQS's semantics on one SQLite file in WAL mode (`queues.sqlite` in the
/// data folder).
///
/// Every operation runs on the writing thread of its ``SQLiteThreads`` (the counts of ``attributes(of:)`` on a reading
/// thread), never on the caller's, in a savepoint of a transaction it shares with the operations queued beside it
/// (``GroupCommits``): a send has been committed when it returns, a receive hides and counts its messages in the same
/// transaction that finds them, so a process killed at any moment loses no message that was acknowledged.
/// Long-polling receives wait without polling: a send, a visibility change to zero or a move wakes them
/// (``QueueWakeups``), and so does the moment the next hidden message becomes visible.
///
/// Times come from the ``Clock`` port, so tests move visibility timeouts, delays, retention and the deduplication
/// window forward without waiting; a long poll's wait time is real time.
public final class SQLiteMessageQueue: MessageQueue {
    /// How long an operation waits for another connection's lock on the file before it fails as unavailable.
    public static let busyTimeout = Duration.seconds(2)

    private let pool: DatabasePool
    private let threads = SQLiteThreads(readers: 1)
    private let writes: GroupCommits
    private let wakeups = QueueWakeups()
    private let clock: any Clock

    /// Opens (creating if needed) the queues in the SQLite file at `path`. This is the only SQLite work that runs on
    /// the caller's thread.
    /// - Parameter clock: The time of visibility timeouts, delays, retention and deduplication; the system's by default.
    public init(path: String, clock: any Clock = SystemClock()) throws(MessageQueueError) {
        var configuration = Configuration()
        configuration.busyMode = .timeout(Double(Self.busyTimeout.wholeMilliseconds) / 1000)
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        do {
            self.pool = try DatabasePool(path: path, configuration: configuration)
            try self.pool.write(QueueSchema.migrate)
        } catch {
            throw MessageQueueError(.unavailable, "cannot open \(path): \(error)")
        }
        self.writes = GroupCommits(self.pool, threads: self.threads)
        self.clock = clock
    }

    // MARK: Queues

    public func createQueue(_ name: String, configuration: QueueConfiguration) async throws(MessageQueueError) {
        try configuration.validate(forQueueNamed: name)
        let now = self.clock.nowMilliseconds
        try await self.write { db in
            if let existing = try StoredQueue.find(name, in: db) {
                guard existing.configuration == configuration else {
                    throw MessageQueueError(.queueNameExists, "The queue \(name) exists with another configuration")
                }
                return
            }
            try Self.checkDeadLetterQueue(of: configuration, in: db)
            try StoredQueue(name: name, configuration: configuration).insert(in: db)
            try db.execute(
                sql: "INSERT OR REPLACE INTO queue_times (queue, created_ms, modified_ms) VALUES (?1, ?2, ?2)",
                arguments: [name, now])
        }
    }

    public func deleteQueue(_ name: String) async throws(MessageQueueError) {
        try await self.write { db in
            _ = try StoredQueue.fetch(name, in: db)
            try db.execute(sql: "DELETE FROM messages WHERE queue = ?", arguments: [name])
            try db.execute(sql: "DELETE FROM deduplication WHERE queue = ?", arguments: [name])
            try db.execute(sql: "DELETE FROM queue_tags WHERE queue = ?", arguments: [name])
            try db.execute(sql: "DELETE FROM queue_times WHERE queue = ?", arguments: [name])
            try db.execute(sql: "DELETE FROM queues WHERE name = ?", arguments: [name])
        }
        self.wakeups.signal(name)
    }

    public func tags(of queue: String) async throws(MessageQueueError) -> [String: String] {
        let pool = self.pool
        return try await self.run {
            try await self.threads.read {
                try pool.read { db in
                    _ = try StoredQueue.fetch(queue, in: db)
                    let rows = try Row.fetchAll(
                        db, sql: "SELECT key, value FROM queue_tags WHERE queue = ?", arguments: [queue])
                    return Dictionary(rows.map { ($0["key"] as String, $0["value"] as String) }) { _, last in last }
                }
            }
        }
    }

    public func tag(_ queue: String, with tags: [String: String]) async throws(MessageQueueError) {
        try QueueTags.validate(tags)
        try await self.write { db in
            _ = try StoredQueue.fetch(queue, in: db)
            for (key, value) in tags {
                try db.execute(
                    sql: "INSERT INTO queue_tags (queue, key, value) VALUES (?, ?, ?) "
                        + "ON CONFLICT (queue, key) DO UPDATE SET value = excluded.value",
                    arguments: [queue, key, value])
            }
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM queue_tags WHERE queue = ?", arguments: [queue])
            // Thrown inside the transaction, so none of the new tags stays.
            try QueueTags.checkCount(count ?? 0, queue: queue)
        }
    }

    public func untag(_ queue: String, keys: [String]) async throws(MessageQueueError) {
        try await self.write { db in
            _ = try StoredQueue.fetch(queue, in: db)
            for key in keys {
                try db.execute(sql: "DELETE FROM queue_tags WHERE queue = ? AND key = ?", arguments: [queue, key])
            }
        }
    }

    public func setConfiguration(_ configuration: QueueConfiguration, of name: String) async throws(MessageQueueError) {
        try configuration.validate(forQueueNamed: name)
        let now = self.clock.nowMilliseconds
        try await self.write { db in
            let existing = try StoredQueue.fetch(name, in: db)
            guard existing.configuration.fifo == configuration.fifo else {
                throw MessageQueueError.invalidParameter("FifoQueue", "a queue cannot change between FIFO and standard")
            }
            try Self.checkDeadLetterQueue(of: configuration, in: db)
            try StoredQueue(name: name, configuration: configuration).update(in: db)
            try db.execute(
                sql: """
                    INSERT INTO queue_times (queue, created_ms, modified_ms) VALUES (?1, NULL, ?2)
                    ON CONFLICT (queue) DO UPDATE SET modified_ms = excluded.modified_ms
                    """,
                arguments: [name, now])
        }
        // A shorter receive wait time or a redrive may change what a waiting receive should do next.
        self.wakeups.signal(name)
    }

    public func queueNames() async throws(MessageQueueError) -> [String] {
        let pool = self.pool
        return try await self.run {
            try await self.threads.read {
                try pool.read { db in try String.fetchAll(db, sql: "SELECT name FROM queues ORDER BY name") }
            }
        }
    }

    /// Checks that the dead-letter queue `configuration` names, if any, exists and is of the same kind.
    private static func checkDeadLetterQueue(of configuration: QueueConfiguration, in db: Database) throws {
        guard let policy = configuration.redrivePolicy else { return }
        guard let deadLetterQueue = try StoredQueue.find(policy.deadLetterQueue, in: db),
            deadLetterQueue.configuration.fifo == configuration.fifo
        else {
            throw MessageQueueError.invalidParameter(
                "RedrivePolicy", "the dead-letter queue must exist and be of the same kind as the queue")
        }
    }

    public func attributes(of queue: String) async throws(MessageQueueError) -> QueueAttributes {
        let now = self.clock.nowMilliseconds
        let pool = self.pool
        return try await self.run {
            try await self.threads.read {
                try pool.read { db in
                    let stored = try StoredQueue.fetch(queue, in: db)
                    let counts = try Row.fetchOne(
                        db,
                        sql: """
                            SELECT coalesce(sum(visible_at_ms <= ?1), 0) AS visible,
                                coalesce(sum(visible_at_ms > ?1 AND receive_count > 0), 0) AS in_flight,
                                coalesce(sum(visible_at_ms > ?1 AND receive_count = 0), 0) AS delayed,
                                min(sent_ms) AS oldest_sent_ms
                            FROM messages WHERE queue = ?2 AND expires_at_ms > ?1
                            """,
                        arguments: [now, queue])
                    let times = try Row.fetchOne(
                        db, sql: "SELECT created_ms, modified_ms FROM queue_times WHERE queue = ?", arguments: [queue])
                    return QueueAttributes(
                        configuration: stored.configuration, visibleMessages: counts?["visible"] ?? 0,
                        inFlightMessages: counts?["in_flight"] ?? 0, delayedMessages: counts?["delayed"] ?? 0,
                        oldestMessageAge: (counts?["oldest_sent_ms"] as Int64?).map { .milliseconds(max(0, now - $0)) },
                        createdMilliseconds: times?["created_ms"], lastModifiedMilliseconds: times?["modified_ms"])
                }
            }
        }
    }

    public func purge(_ queue: String) async throws(MessageQueueError) {
        try await self.write { db in
            _ = try StoredQueue.fetch(queue, in: db)
            try db.execute(sql: "DELETE FROM messages WHERE queue = ?", arguments: [queue])
        }
    }

    // MARK: Sending

    public func send(_ message: OutgoingMessage, to queue: String) async throws(MessageQueueError) -> SentMessage {
        let now = self.clock.nowMilliseconds
        let sent = try await self.write { db in
            let stored = try StoredQueue.fetch(queue, in: db)
            try message.validate(for: stored.configuration)
            return try Self.insert(message, into: stored, now: now, in: db)
        }
        self.wakeups.signal(queue)
        return sent
    }

    public func sendBatch(_ entries: [BatchEntry], to queue: String) async throws(MessageQueueError) -> BatchResult {
        try MessageQueueRequest.checkBatch(entries)
        let now = self.clock.nowMilliseconds
        let result = try await self.write { db in
            let stored = try StoredQueue.fetch(queue, in: db)
            var result = BatchResult()
            for entry in entries {
                do {
                    try entry.message.validate(for: stored.configuration)
                } catch let error as MessageQueueError {
                    result.failed.append(BatchResult.Failure(id: entry.id, error: error, senderFault: true))
                    continue
                }
                result.successful[entry.id] = try Self.insert(entry.message, into: stored, now: now, in: db)
            }
            return result
        }
        if !result.successful.isEmpty {
            self.wakeups.signal(queue)
        }
        return result
    }

    /// Writes `message` into `queue`, or, on a FIFO queue, answers for the message it duplicates within the
    /// deduplication interval without writing it.
    private static func insert(_ message: OutgoingMessage, into queue: StoredQueue, now: Int64, in db: Database) throws
        -> SentMessage
    {
        let md5 = StoredMessage.md5(of: message.body)
        guard queue.configuration.fifo else {
            let id = RandomUUID.make()
            _ = try StoredMessage.insert(
                message, into: queue, id: id, sequenceNumber: nil, deduplicationID: nil, now: now, in: db)
            return SentMessage(messageID: id, md5OfBody: md5)
        }
        let deduplicationID = message.deduplicationID ?? SHA256.hexDigest(message.body)
        try db.execute(
            sql: "DELETE FROM deduplication WHERE queue = ? AND expires_at_ms <= ?", arguments: [queue.name, now])
        if let earlier = try Row.fetchOne(
            db,
            sql:
                "SELECT message_id, md5_of_body, sequence_number FROM deduplication WHERE queue = ? AND deduplication_id = ?",
            arguments: [queue.name, deduplicationID])
        {
            return SentMessage(
                messageID: earlier["message_id"], md5OfBody: earlier["md5_of_body"],
                sequenceNumber: earlier["sequence_number"])
        }
        let id = RandomUUID.make()
        let sequenceNumber = try queue.nextSequenceNumber(in: db)
        _ = try StoredMessage.insert(
            message, into: queue, id: id, sequenceNumber: sequenceNumber, deduplicationID: deduplicationID, now: now,
            in: db)
        try db.execute(
            sql: """
                INSERT INTO deduplication (queue, deduplication_id, message_id, md5_of_body, sequence_number, expires_at_ms)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                queue.name, deduplicationID, id, md5, sequenceNumber,
                now + MessageQueueLimits.deduplicationInterval.wholeMilliseconds,
            ])
        return SentMessage(messageID: id, md5OfBody: md5, sequenceNumber: sequenceNumber)
    }

    // MARK: Receiving

    public func receive(
        from queue: String,
        maxMessages: Int,
        waitTime: Duration?,
        visibilityTimeout: Duration?
    ) async throws(MessageQueueError) -> [ReceivedMessage] {
        try MessageQueueRequest.checkReceive(
            maxMessages: maxMessages, waitTime: waitTime, visibilityTimeout: visibilityTimeout)
        let started = ContinuousClock.now
        while true {
            let generation = self.wakeups.generation(of: queue)
            let now = self.clock.nowMilliseconds
            let look = QueueReceive(
                queue: queue, maxMessages: maxMessages, visibilityTimeout: visibilityTimeout, now: now)
            let outcome: QueueReceive.Outcome
            do {
                outcome = try await self.write { db in try look.run(in: db) }
            } catch  where Task.isCancelled {
                // The caller went away before the look ran (a cancelled task's work is not started): nothing changed,
                // and the receive ends empty as a long poll cut short does.
                return []
            }
            if let deadLetterQueue = outcome.deadLetterQueue {
                self.wakeups.signal(deadLetterQueue)
            }
            let remaining = started + (waitTime ?? outcome.queueWaitTime) - .now
            guard outcome.messages.isEmpty, remaining > .zero, !Task.isCancelled else { return outcome.messages }
            let untilVisible = outcome.nextVisibleAt.map { Duration.milliseconds(max(1, $0 - now)) } ?? remaining
            await self.wakeups.wait(for: queue, after: generation, atMost: min(remaining, untilVisible))
            // A receive whose caller went away ends empty, as a long poll cut short does; it changed nothing.
            guard !Task.isCancelled else { return [] }
        }
    }

    public func delete(receiptHandle: String, from queue: String) async throws(MessageQueueError) {
        let handle = try ReceiptHandle(parsing: receiptHandle)
        let deleted = try await self.write { db in
            _ = try StoredQueue.fetch(queue, in: db)
            return try Self.delete(handle, from: queue, in: db)
        }
        // A deleted FIFO message unblocks its group: a receive waiting on the queue may now take the next one.
        if deleted { self.wakeups.signal(queue) }
    }

    /// Deletes every entry's message in one transaction; an entry whose handle is malformed or was not issued for a
    /// message of `queue` fails on its own.
    public func deleteBatch(_ entries: [ReceiptBatchEntry], from queue: String) async throws(MessageQueueError)
        -> [BatchResult.Failure]
    {
        try MessageQueueRequest.checkBatchIDs(entries.map(\.id))
        var failures: [BatchResult.Failure] = []
        var parsed: [(id: String, handle: ReceiptHandle)] = []
        for entry in entries {
            do {
                parsed.append((entry.id, try ReceiptHandle(parsing: entry.receiptHandle)))
            } catch {
                failures.append(BatchResult.Failure(id: entry.id, error: error, senderFault: true))
            }
        }
        let handles = parsed
        let (deleted, refused) = try await self.write { db in
            _ = try StoredQueue.fetch(queue, in: db)
            var deleted = false
            var refused: [BatchResult.Failure] = []
            for (id, handle) in handles {
                do {
                    deleted = try Self.delete(handle, from: queue, in: db) || deleted
                } catch let error as MessageQueueError {
                    refused.append(BatchResult.Failure(id: id, error: error, senderFault: true))
                }
            }
            return (deleted, refused)
        }
        if deleted { self.wakeups.signal(queue) }
        return failures + refused
    }

    /// Deletes the message `handle` was issued for in `queue`; `false` when it is gone already.
    /// - Throws: ``MessageQueueError/Code/receiptHandleIsInvalid`` when the message is there but `handle` was not
    ///   issued for it in `queue`.
    private static func delete(_ handle: ReceiptHandle, from queue: String, in db: Database) throws -> Bool {
        let issued =
            try Bool.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT EXISTS (SELECT 1 FROM receipts JOIN messages USING (seq)
                            WHERE receipts.token = ? AND receipts.seq = ? AND messages.queue = ?)
                        """),
                arguments: [handle.token, handle.seq, queue]) ?? false
        if issued {
            try db.cachedStatement(sql: "DELETE FROM messages WHERE seq = ?").execute(arguments: [handle.seq])
            return true
        }
        let messageExists =
            try Bool.fetchOne(
                db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM messages WHERE seq = ?)"),
                arguments: [handle.seq]) ?? false
        guard !messageExists else {
            throw MessageQueueError(.receiptHandleIsInvalid, "The receipt handle was not issued for this message")
        }
        return false
    }

    public func changeVisibility(receiptHandle: String, timeout: Duration, in queue: String)
        async throws(MessageQueueError)
    {
        let handle = try ReceiptHandle(parsing: receiptHandle)
        try MessageQueueRequest.check("VisibilityTimeout", timeout, in: .zero...MessageQueueLimits.visibilityTimeout)
        let now = self.clock.nowMilliseconds
        try await self.write { db in
            _ = try StoredQueue.fetch(queue, in: db)
            guard
                let message = try Row.fetchOne(
                    db,
                    sql:
                        "SELECT visible_at_ms, last_receive_ms FROM messages WHERE seq = ? AND queue = ? AND receipt = ?",
                    arguments: [handle.seq, queue, handle.token])
            else {
                throw MessageQueueError(
                    .receiptHandleIsInvalid, "The receipt handle is not the latest of a message of this queue")
            }
            guard message["visible_at_ms"] as Int64 > now else {
                throw MessageQueueError(.messageNotInflight, "The message is not in flight")
            }
            let visibleAt = now + timeout.wholeMilliseconds
            // The 12 hours a receive may hide a message count from the receive, not from each extension.
            guard
                visibleAt - (message["last_receive_ms"] as Int64)
                    <= MessageQueueLimits.visibilityTimeout.wholeMilliseconds
            else {
                throw MessageQueueError.invalidParameter(
                    "VisibilityTimeout", "a message stays hidden at most 12 hours after it was received")
            }
            try db.execute(
                sql: "UPDATE messages SET visible_at_ms = ? WHERE seq = ?", arguments: [visibleAt, handle.seq])
        }
        if timeout == .zero {
            self.wakeups.signal(queue)
        }
    }

    // MARK: Redrive

    public func startMessageMove(from deadLetterQueue: String, to destination: String?) async throws(MessageQueueError)
        -> Int
    {
        let now = self.clock.nowMilliseconds
        let (moved, destinations) = try await self.write { db in
            let source = try StoredQueue.fetch(deadLetterQueue, in: db)
            let target = try destination.map { name in try StoredQueue.fetch(name, in: db) }
            guard try StoredQueue.isDeadLetterQueue(deadLetterQueue, in: db) else {
                throw MessageQueueError.invalidParameter("SourceArn", "\(deadLetterQueue) is not a dead-letter queue")
            }
            if let target, target.configuration.fifo != source.configuration.fifo {
                throw MessageQueueError.invalidParameter(
                    "DestinationArn", "the destination must be of the same kind as the dead-letter queue")
            }
            // Expired messages are gone, not redriven with a new retention period.
            try StoredMessage.deleteExpired(in: deadLetterQueue, now: now, in: db)
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT seq, source_queue FROM messages WHERE queue = ? AND visible_at_ms <= ? ORDER BY seq",
                arguments: [deadLetterQueue, now])
            var destinations = Set<String>()
            var moved = 0
            for row in rows {
                // A message whose source queue was deleted stays where it is.
                guard let home = try target ?? StoredQueue.find(row["source_queue"], in: db) else { continue }
                try StoredMessage.resend(row["seq"], to: home, now: now, in: db)
                destinations.insert(home.name)
                moved += 1
            }
            return (moved, destinations)
        }
        for name in destinations {
            self.wakeups.signal(name)
        }
        return moved
    }

    // MARK: Database access

    /// Runs `body` on the writing thread in a transaction it shares with the writes queued beside it, in a savepoint
    /// of its own (``GroupCommits``).
    private func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(MessageQueueError)
        -> T
    {
        try await self.run { try await self.writes.write(body) }
    }

    /// Runs `operation`, turning what it throws into a ``MessageQueueError``.
    private func run<T: Sendable>(_ operation: () async throws -> T) async throws(MessageQueueError) -> T {
        do {
            return try await operation()
        } catch let error as MessageQueueError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
            throw MessageQueueError(.unavailable, "another connection held the queues' lock for \(Self.busyTimeout)")
        } catch {
            throw MessageQueueError(.unavailable, String(describing: error))
        }
    }
}
