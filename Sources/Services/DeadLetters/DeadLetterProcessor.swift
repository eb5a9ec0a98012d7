package import Cloud
package import Middleware
package import Observability

/// The dead-letter processor: consumes the app's dead-letter queues and keeps each message as a ``DeadLetter`` with
/// its source queue, receive count, first and last receive, the consumer's last error (its ``DeadLetterReason``)
/// and its body, so `stratus dlq` and `GET /admin/dead-letters` can show and redrive it after it left the queue.
///
/// Idempotent by message ID: a message delivered twice is recorded and counted once. With `metrics`, each new dead
/// letter counts one `DeadLetters` by `sourceQueue`.
package struct DeadLetterProcessor: LambdaHandler {
    private let processor = BatchProcessor(DeadLetterMessageBody.self)
    private let deadLetters: DeadLetterRepository
    private let sources: DeadLetterSources
    private let metrics: EMFMetrics?
    private let clock: any Clock

    /// A processor recording into `store` at `clock`'s time the messages of the dead-letter queues of `sources`.
    package init(
        store: any ItemStore, sources: DeadLetterSources, clock: any Clock = SystemClock(), metrics: EMFMetrics? = nil
    ) {
        self.deadLetters = DeadLetterRepository(store: store, clock: clock)
        self.sources = sources
        self.clock = clock
        self.metrics = metrics
    }

    /// Records every message of `event` and reports those that could not be recorded.
    ///
    /// - Throws: ``BatchProcessingError`` when every record of the batch failed, so Lambda retries it whole.
    package func handle(_ event: SQSEvent, context: LambdaContext) async throws -> SQSBatchResponse {
        try await self.processor.process(event, context: context) { record, _ in
            try await self.record(record.message)
        }
    }

    /// Keeps one dead message, unless it is kept already.
    private func record(_ message: SQSEvent.Message) async throws {
        let deadLetterQueue = DeadLetterSources.queueName(ofARN: message.eventSourceARN) ?? message.eventSourceARN
        let sourceQueue = try self.sources.sourceQueue(
            of: deadLetterQueue, sourceARN: message.attributes.deadLetterQueueSourceArn)
        let reason = try await self.deadLetters.store.get(DeadLetterReason.key(messageID: message.messageId))
            .flatMap(DeadLetterReason.init(item:))
        let firstReceive = Int64(message.attributes.approximateFirstReceiveTimestamp)
        let deadLetter = DeadLetter(
            messageID: message.messageId, sourceQueue: sourceQueue, deadLetterQueue: deadLetterQueue,
            receiveCount: Int(message.attributes.approximateReceiveCount) ?? 0,
            firstReceivedAt: firstReceive.map { WallClock.iso8601(milliseconds: $0) } ?? self.clock.nowISO8601,
            reason: reason, body: message.body, traceHeader: message.attributes.awsTraceHeader,
            recordedAt: self.clock.nowISO8601)
        guard try await self.deadLetters.record(deadLetter) else { return }
        try? self.metrics?.add("DeadLetters", value: 1, dimensions: [("sourceQueue", sourceQueue)])
    }
}
