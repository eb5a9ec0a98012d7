/// The port to message queues (ARCHITECTURE §4), modelled on SQS: at-least-once delivery with a visibility timeout,
/// receive counts and redrive to a dead-letter queue, delays, retention and long polling; FIFO queues ordered per
/// message group and deduplicated for five minutes. Implemented on an embedded SQLite file locally and on SQS in the
/// cloud, both held to the same contract test suite. Queues are addressed by name.
///
/// Every operation fails with ``MessageQueueError``; on a queue that does not exist with
/// ``MessageQueueError/Code/queueDoesNotExist``.
public protocol MessageQueue: Sendable {
    /// Creates the queue `name`; creating it again with an equal configuration does nothing.
    /// - Throws: ``MessageQueueError/Code/queueNameExists`` when it exists with another configuration,
    ///   ``MessageQueueError/Code/invalidParameterValue`` for a bad name or setting, or a dead-letter queue that does
    ///   not exist or is of the other kind.
    func createQueue(_ name: String, configuration: QueueConfiguration) async throws(MessageQueueError)

    /// Deletes the queue `name` and its messages.
    func deleteQueue(_ name: String) async throws(MessageQueueError)

    /// Replaces the settings of the queue `name` with `configuration` (SQS's `SetQueueAttributes`); its messages stay.
    /// - Throws: ``MessageQueueError/Code/invalidParameterValue`` for a bad setting, a change between FIFO and
    ///   standard, or a dead-letter queue that does not exist or is of the other kind.
    func setConfiguration(_ configuration: QueueConfiguration, of name: String) async throws(MessageQueueError)

    /// The names of every queue, sorted (SQS's `ListQueues`).
    func queueNames() async throws(MessageQueueError) -> [String]

    /// Sends one message; once this returns, the message is kept.
    func send(_ message: OutgoingMessage, to queue: String) async throws(MessageQueueError) -> SentMessage

    /// Sends up to ten messages; each entry succeeds or fails on its own.
    /// - Throws: a batch error (``MessageQueueError/Code/emptyBatchRequest``, ...) when the request as a whole is
    ///   wrong, in which case nothing is sent.
    func sendBatch(_ entries: [BatchEntry], to queue: String) async throws(MessageQueueError) -> BatchResult

    /// Receives up to `maxMessages` (1…10) visible messages and hides them for `visibilityTimeout` (the queue's when
    /// `nil`). When none is visible, waits up to `waitTime` (0…20 s; the queue's receive wait time when `nil`) and
    /// returns as soon as one is.
    func receive(
        from queue: String,
        maxMessages: Int,
        waitTime: Duration?,
        visibilityTimeout: Duration?
    ) async throws(MessageQueueError) -> [ReceivedMessage]

    /// Deletes the message a receive handed out with `receiptHandle`; a message already deleted is fine.
    /// - Throws: ``MessageQueueError/Code/receiptHandleIsInvalid`` for a handle this queue never issued.
    func delete(receiptHandle: String, from queue: String) async throws(MessageQueueError)

    /// Deletes up to ten messages by the receipt handles receives gave out (SQS's `DeleteMessageBatch`); each entry
    /// succeeds or fails on its own, as ``delete(receiptHandle:from:)`` would. Returns the entries that failed.
    /// - Throws: a batch error (``MessageQueueError/Code/emptyBatchRequest``, ...) when the request as a whole is
    ///   wrong, in which case nothing is deleted.
    func deleteBatch(_ entries: [ReceiptBatchEntry], from queue: String) async throws(MessageQueueError)
        -> [BatchResult.Failure]

    /// Hides the message of the latest receive, `receiptHandle`, for `timeout` (0…12 h) from now, but no longer than
    /// 12 hours after that receive; zero makes it visible at once.
    /// - Throws: ``MessageQueueError/Code/receiptHandleIsInvalid`` for a handle that is not the message's latest,
    ///   ``MessageQueueError/Code/messageNotInflight`` when the message is visible again.
    func changeVisibility(receiptHandle: String, timeout: Duration, in queue: String) async throws(MessageQueueError)

    /// The queue's configuration and message counts.
    func attributes(of queue: String) async throws(MessageQueueError) -> QueueAttributes

    /// Deletes every message of the queue.
    func purge(_ queue: String) async throws(MessageQueueError)

    /// The queue's tags, by key.
    func tags(of queue: String) async throws(MessageQueueError) -> [String: String]

    /// Adds `tags` to the queue, replacing those with the same keys (``QueueTags`` bounds them).
    func tag(_ queue: String, with tags: [String: String]) async throws(MessageQueueError)

    /// Removes the tags `keys` from the queue; a key it does not have is no error.
    func untag(_ queue: String, keys: [String]) async throws(MessageQueueError)

    /// Moves the visible messages of the dead-letter queue `deadLetterQueue` to `destination`, or each back to the
    /// queue it came from when `destination` is `nil` (SQS's `StartMessageMoveTask`). Moved messages are new
    /// messages: new ids, sent now. Returns how many were moved.
    func startMessageMove(from deadLetterQueue: String, to destination: String?) async throws(MessageQueueError) -> Int
}

extension MessageQueue {
    /// Creates the queue `name` with SQS's default settings.
    public func createQueue(_ name: String) async throws(MessageQueueError) {
        try await self.createQueue(name, configuration: QueueConfiguration())
    }

    /// Receives up to `maxMessages` messages, waiting up to `waitTime` (the queue's when `nil`), and hides them for
    /// the queue's visibility timeout.
    public func receive(
        from queue: String,
        maxMessages: Int = 1,
        waitTime: Duration? = nil
    ) async throws(MessageQueueError) -> [ReceivedMessage] {
        try await self.receive(from: queue, maxMessages: maxMessages, waitTime: waitTime, visibilityTimeout: nil)
    }

    /// Moves every visible message of `deadLetterQueue` back to the queue it came from.
    @discardableResult
    public func startMessageMove(from deadLetterQueue: String) async throws(MessageQueueError) -> Int {
        try await self.startMessageMove(from: deadLetterQueue, to: nil)
    }
}
