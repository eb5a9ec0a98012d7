import Cloud

/// One app's queues on a queue service it shares with other apps and stages: the app names its queues as its
/// manifest does (`notifications`), the service by the names `stratus provision` gave them
/// (`orders-platform-notifications`). Every operation maps the name; ``queueNames()`` lists the app's queues only,
/// and a redrive policy names its dead-letter queue by the app's name both ways. A name the app does not map is
/// passed on unchanged.
struct AppQueues: MessageQueue {
    private let base: any MessageQueue
    private let physicalNames: [String: String]
    private let appNames: [String: String]

    /// The queues of `base`, each of the app's names mapped by `physicalNames` to the service's.
    init(_ base: any MessageQueue, physicalNames: [String: String]) {
        self.base = base
        self.physicalNames = physicalNames
        self.appNames = Dictionary(physicalNames.map { ($1, $0) }) { first, _ in first }
    }

    private func physical(_ name: String) -> String { self.physicalNames[name] ?? name }

    /// `configuration` with its dead-letter queue renamed by `rename`.
    private func renamingDeadLetterQueue(
        of configuration: QueueConfiguration, _ rename: (String) -> String
    ) -> QueueConfiguration {
        var renamed = configuration
        if let policy = configuration.redrivePolicy {
            renamed.redrivePolicy?.deadLetterQueue = rename(policy.deadLetterQueue)
        }
        return renamed
    }

    func createQueue(_ name: String, configuration: QueueConfiguration) async throws(MessageQueueError) {
        try await self.base.createQueue(
            self.physical(name), configuration: self.renamingDeadLetterQueue(of: configuration, self.physical))
    }

    func deleteQueue(_ name: String) async throws(MessageQueueError) {
        try await self.base.deleteQueue(self.physical(name))
    }

    func setConfiguration(_ configuration: QueueConfiguration, of name: String) async throws(MessageQueueError) {
        try await self.base.setConfiguration(
            self.renamingDeadLetterQueue(of: configuration, self.physical), of: self.physical(name))
    }

    /// The app's queues that exist, by the app's names, sorted.
    func queueNames() async throws(MessageQueueError) -> [String] {
        try await self.base.queueNames().compactMap { self.appNames[$0] }.sorted()
    }

    func send(_ message: OutgoingMessage, to queue: String) async throws(MessageQueueError) -> SentMessage {
        try await self.base.send(message, to: self.physical(queue))
    }

    func sendBatch(_ entries: [BatchEntry], to queue: String) async throws(MessageQueueError) -> BatchResult {
        try await self.base.sendBatch(entries, to: self.physical(queue))
    }

    func receive(
        from queue: String, maxMessages: Int, waitTime: Duration?, visibilityTimeout: Duration?
    ) async throws(MessageQueueError) -> [ReceivedMessage] {
        try await self.base.receive(
            from: self.physical(queue), maxMessages: maxMessages, waitTime: waitTime,
            visibilityTimeout: visibilityTimeout)
    }

    func delete(receiptHandle: String, from queue: String) async throws(MessageQueueError) {
        try await self.base.delete(receiptHandle: receiptHandle, from: self.physical(queue))
    }

    func deleteBatch(_ entries: [ReceiptBatchEntry], from queue: String) async throws(MessageQueueError)
        -> [BatchResult.Failure]
    {
        try await self.base.deleteBatch(entries, from: self.physical(queue))
    }

    func changeVisibility(receiptHandle: String, timeout: Duration, in queue: String) async throws(MessageQueueError) {
        try await self.base.changeVisibility(receiptHandle: receiptHandle, timeout: timeout, in: self.physical(queue))
    }

    /// The queue's attributes, its dead-letter queue named as the app names it.
    func attributes(of queue: String) async throws(MessageQueueError) -> QueueAttributes {
        var attributes = try await self.base.attributes(of: self.physical(queue))
        attributes.configuration = self.renamingDeadLetterQueue(of: attributes.configuration) {
            self.appNames[$0] ?? $0
        }
        return attributes
    }

    func purge(_ queue: String) async throws(MessageQueueError) {
        try await self.base.purge(self.physical(queue))
    }

    func tags(of queue: String) async throws(MessageQueueError) -> [String: String] {
        try await self.base.tags(of: self.physical(queue))
    }

    func tag(_ queue: String, with tags: [String: String]) async throws(MessageQueueError) {
        try await self.base.tag(self.physical(queue), with: tags)
    }

    func untag(_ queue: String, keys: [String]) async throws(MessageQueueError) {
        try await self.base.untag(self.physical(queue), keys: keys)
    }

    func startMessageMove(from deadLetterQueue: String, to destination: String?) async throws(MessageQueueError) -> Int
    {
        try await self.base.startMessageMove(from: self.physical(deadLetterQueue), to: destination.map(self.physical))
    }
}
