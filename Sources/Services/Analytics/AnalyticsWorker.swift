package import Cloud
package import Middleware
import Observability

/// The analytics consumer: for each event of a batch from the `analytics` queue it adds one to the count of the
/// event's `detail-type` on the day of its `time` (UTC).
///
/// Counting is idempotent by event ID (the outbox's, ``EventBridgeEvent/eventID``, which survives republishing):
/// the count and the event's marker are written in one transaction, so a redelivered, replayed or republished
/// event counts as done without counting again. Markers outlive the bus archive's retention, so replaying the
/// archive rebuilds nothing twice. Failed records are reported in `batchItemFailures` (``BatchProcessor``).
///
/// A batch of events none of which was counted before (nearly every batch) is counted in one transaction: every
/// event's marker, and one addition per counter, by as many as the batch holds of its type and day. When that cannot
/// be done (an event of the batch was counted before, or does not parse), the batch is counted one record at a time,
/// as above. Its records are never counted concurrently: they add to the same few counter items, on which DynamoDB's
/// concurrent transactions would conflict.
package struct AnalyticsWorker: LambdaHandler {
    private let processor = BatchProcessor(AnalyticsEvent.self)
    private let analytics: AnalyticsRepository
    private let clock: any Clock

    /// A worker counting into `store`, on `clock`'s time.
    package init(store: any ItemStore, clock: any Clock = SystemClock()) {
        self.analytics = AnalyticsRepository(store: store)
        self.clock = clock
    }

    /// Counts every record of `event` and reports the ones that failed: the whole batch in one transaction when it
    /// can be, one record at a time otherwise.
    ///
    /// - Throws: ``BatchProcessingError`` when every record of the batch failed, so Lambda retries it whole.
    package func handle(_ event: SQSEvent, context: LambdaContext) async throws -> SQSBatchResponse {
        if await self.countedTogether(event) { return SQSBatchResponse(batchItemFailures: []) }
        return try await self.processor.process(event, context: context) { record, context in
            try await self.count(record.body, context: context)
        }
    }

    /// Counts the batch in one transaction (``AnalyticsRepository/countAll(_:nowSeconds:)``) when every record
    /// decodes and can be counted, no event is in it twice and it is not longer than that takes; `false` when it did
    /// not, nothing written (an event of it counted before cancels the transaction), for the batch to be counted one
    /// record at a time, which reports each record that fails.
    private func countedTogether(_ event: SQSEvent) async -> Bool {
        guard (1...AnalyticsRepository.largestBatch).contains(event.records.count),
            let records = self.processor.decodedRecords(of: event),
            let events = try? records.map({ record throws(AnalyticsEventError) in try CountedEvent(record.body) }),
            Set(events.map(\.eventID)).count == events.count
        else { return false }
        do {
            try await self.analytics.countAll(events, nowSeconds: self.clock.nowSeconds)
            return true
        } catch {
            return false
        }
    }

    /// Counts one event, unless it was counted before.
    private func count(_ event: AnalyticsEvent, context: LambdaContext) async throws {
        let counted = try await self.analytics.count(CountedEvent(event), nowSeconds: self.clock.nowSeconds)
        if !counted {
            context.logger.debug("Skipped an event counted before", metadata: ["eventId": .string(event.eventID)])
        }
    }
}
