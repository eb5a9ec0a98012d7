import JSONCoding
public import LambdaEvents
public import LambdaRuntime
import Logging
import Observability

/// Processes an SQS batch record by record and reports the records that failed in `batchItemFailures`, in the style
/// of Powertools' batch utility (the event source mapping needs `ReportBatchItemFailures`): only those messages
/// return to the queue.
///
/// Each message body is decoded from JSON as `Body` and handed to the record handler; a body that does not decode is
/// a failed record like one whose handler throws. Every failed record gets one error log line with its message ID
/// and the error, never its body. An empty batch succeeds. When every record of a batch fails, ``process(_:context:handler:)``
/// throws ``BatchProcessingError`` (unless `failsWhenEveryRecordFails` is off), as Powertools does.
///
/// ```swift
/// let processor = BatchProcessor(EventBridgeEvent<OrderDetail>.self, mode: .fifo)
/// return try await processor.process(event, context: context) { record, context in
///     try await ship(record.body.detail)
/// }
/// ```
public struct BatchProcessor<Body: Decodable & Sendable>: Sendable {
    /// The record handler: does the work for one record, throwing to report it as failed.
    public typealias RecordHandler = @Sendable (BatchRecord<Body>, LambdaContext) async throws -> Void
    /// Told about each failed record (not those a FIFO batch skipped) with the error, e.g. to keep the reason for a
    /// dead-letter queue's later reader.
    public typealias FailureObserver = @Sendable (SQSEvent.Message, any Error) async -> Void

    /// How the records are walked.
    public let mode: BatchProcessingMode
    /// Whether a batch in which every record failed fails the invocation (Powertools' default) rather than
    /// reporting every record.
    public let failsWhenEveryRecordFails: Bool
    private let onFailure: FailureObserver?

    /// A processor of batches whose bodies are JSON of type `Body`, walked as `mode` says; `onFailure` hears of each
    /// failed record.
    public init(
        _ body: Body.Type = Body.self,
        mode: BatchProcessingMode = .sequential,
        failsWhenEveryRecordFails: Bool = true,
        onFailure: FailureObserver? = nil
    ) {
        self.mode = mode
        self.failsWhenEveryRecordFails = failsWhenEveryRecordFails
        self.onFailure = onFailure
    }

    /// Runs `handler` on the records of `event` and answers the messages that failed (and, in FIFO mode, those
    /// after the first failure).
    ///
    /// - Throws: ``BatchProcessingError`` when the batch is not empty, every record failed and
    ///   ``failsWhenEveryRecordFails`` is on.
    public func process(
        _ event: SQSEvent, context: LambdaContext, handler: @escaping RecordHandler
    ) async throws(BatchProcessingError) -> SQSBatchResponse {
        let records = event.records
        var failed: [Bool]
        switch self.mode {
        case .sequential:
            failed = []
            for message in records {
                failed.append(await self.processRecord(message, context: context, handler: handler))
            }
        case .concurrent(let limit):
            failed = await self.processConcurrently(records, limit: max(1, limit), context: context, handler: handler)
        case .fifo:
            failed = Array(repeating: true, count: records.count)
            for (index, message) in records.enumerated() {
                failed[index] = await self.processRecord(message, context: context, handler: handler)
                guard !failed[index] else {
                    self.logSkipped(records[(index + 1)...], context: context)
                    break
                }
            }
        }
        let failures = zip(records, failed).filter(\.1).map(\.0.messageId)
        if self.failsWhenEveryRecordFails, !records.isEmpty, failures.count == records.count {
            throw BatchProcessingError(messageIDs: failures)
        }
        return SQSBatchResponse(batchItemFailures: failures.map(SQSBatchResponse.ItemFailure.init(itemIdentifier:)))
    }

    /// The records of `event` with their bodies decoded, in the batch's order, or `nil` when a body does not decode:
    /// for a handler that first tries the whole batch at once (one write for all of it, say) and hands the batch to
    /// ``process(_:context:handler:)`` when that cannot be done, which then reports each record that fails.
    public func decodedRecords(of event: SQSEvent) -> [BatchRecord<Body>]? {
        var records: [BatchRecord<Body>] = []
        records.reserveCapacity(event.records.count)
        for message in event.records {
            guard let body = try? JSONValueDecoder().decode(Body.self, from: message.body.utf8) else { return nil }
            records.append(BatchRecord(body: body, message: message))
        }
        return records
    }

    /// Decodes and handles one record; `true` when it failed (after logging it and telling the observer).
    private func processRecord(
        _ message: SQSEvent.Message, context: LambdaContext, handler: RecordHandler
    ) async -> Bool {
        do {
            let body = try JSONValueDecoder().decode(Body.self, from: message.body.utf8)
            try await handler(BatchRecord(body: body, message: message), context)
            return false
        } catch {
            context.logger.error(
                "Batch record failed",
                metadata: [
                    "messageId": .string(message.messageId),
                    "receiveCount": .string(message.attributes.approximateReceiveCount),
                    "error": .stringConvertible(ErrorDescription(error)),
                ])
            await self.onFailure?(message, error)
            return true
        }
    }

    /// Handles the records with at most `limit` in flight; the outcomes come back in the batch's order.
    private func processConcurrently(
        _ records: [SQSEvent.Message], limit: Int, context: LambdaContext, handler: @escaping RecordHandler
    ) async -> [Bool] {
        var failed = Array(repeating: false, count: records.count)
        await withTaskGroup(of: (Int, Bool).self) { group in
            var next = 0
            func startNext() {
                let index = next
                next += 1
                group.addTask { (index, await self.processRecord(records[index], context: context, handler: handler)) }
            }
            while next < min(limit, records.count) { startNext() }
            for await (index, outcome) in group {
                failed[index] = outcome
                if next < records.count { startNext() }
            }
        }
        return failed
    }

    /// One warning naming the records a FIFO batch did not try after a failure; they go back to the queue too.
    private func logSkipped(_ skipped: ArraySlice<SQSEvent.Message>, context: LambdaContext) {
        guard !skipped.isEmpty else { return }
        context.logger.warning(
            "Batch records not processed after a failure in FIFO order; they return to the queue",
            metadata: ["messageIds": .array(skipped.map { .string($0.messageId) })])
    }
}
