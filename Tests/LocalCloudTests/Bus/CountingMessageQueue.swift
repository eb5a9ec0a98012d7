import Cloud
import Synchronization

/// Queues that count the single and batch sends made to them, and pass every call on to `queues`.
final class CountingMessageQueue: MessageQueue {
    let queues: any MessageQueue
    /// The `send` calls so far.
    let sends = Mutex(0)
    /// The sizes of the `sendBatch` calls so far.
    let batches = Mutex<[Int]>([])

    init(_ queues: any MessageQueue) {
        self.queues = queues
    }

    func send(_ message: OutgoingMessage, to queue: String) async throws(MessageQueueError) -> SentMessage {
        self.sends.withLock { $0 += 1 }
        return try await self.queues.send(message, to: queue)
    }

    func sendBatch(_ entries: [BatchEntry], to queue: String) async throws(MessageQueueError) -> BatchResult {
        self.batches.withLock { $0.append(entries.count) }
        return try await self.queues.sendBatch(entries, to: queue)
    }

    func createQueue(_ name: String, configuration: QueueConfiguration) async throws(MessageQueueError) {
        try await self.queues.createQueue(name, configuration: configuration)
    }

    func deleteQueue(_ name: String) async throws(MessageQueueError) {
        try await self.queues.deleteQueue(name)
    }

    func setConfiguration(_ configuration: QueueConfiguration, of name: String) async throws(MessageQueueError) {
        try await self.queues.setConfiguration(configuration, of: name)
    }

    func queueNames() async throws(MessageQueueError) -> [String] {
        try await self.queues.queueNames()
    }

    func receive(
        from queue: String, maxMessages: Int, waitTime: Duration?, visibilityTimeout: Duration?
    ) async throws(MessageQueueError) -> [ReceivedMessage] {
        try await self.queues.receive(
            from: queue, maxMessages: maxMessages, waitTime: waitTime, visibilityTimeout: visibilityTimeout)
    }

    func delete(receiptHandle: String, from queue: String) async throws(MessageQueueError) {
        try await self.queues.delete(receiptHandle: receiptHandle, from: queue)
    }

    func deleteBatch(_ entries: [ReceiptBatchEntry], from queue: String) async throws(MessageQueueError)
        -> [BatchResult.Failure]
    {
        try await self.queues.deleteBatch(entries, from: queue)
    }

    func changeVisibility(receiptHandle: String, timeout: Duration, in queue: String) async throws(MessageQueueError) {
        try await self.queues.changeVisibility(receiptHandle: receiptHandle, timeout: timeout, in: queue)
    }

    func attributes(of queue: String) async throws(MessageQueueError) -> QueueAttributes {
        try await self.queues.attributes(of: queue)
    }

    func purge(_ queue: String) async throws(MessageQueueError) {
        try await self.queues.purge(queue)
    }

    func tags(of queue: String) async throws(MessageQueueError) -> [String: String] {
        try await self.queues.tags(of: queue)
    }

    func tag(_ queue: String, with tags: [String: String]) async throws(MessageQueueError) {
        try await self.queues.tag(queue, with: tags)
    }

    func untag(_ queue: String, keys: [String]) async throws(MessageQueueError) {
        try await self.queues.untag(queue, keys: keys)
    }

    func startMessageMove(from deadLetterQueue: String, to destination: String?) async throws(MessageQueueError) -> Int
    {
        try await self.queues.startMessageMove(from: deadLetterQueue, to: destination)
    }
}
