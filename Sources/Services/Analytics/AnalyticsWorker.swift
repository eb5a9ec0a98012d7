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
package struct AnalyticsWorker: LambdaHandler {
    private let processor = BatchProcessor(AnalyticsEvent.self)
    private let analytics: AnalyticsRepository
    private let clock: any Clock

    /// A worker counting into `store`, on `clock`'s time.
    package init(store: any ItemStore, clock: any Clock = SystemClock()) {
        self.analytics = AnalyticsRepository(store: store)
        self.clock = clock
    }

    /// Counts every record of `event` and reports the ones that failed.
    ///
    /// - Throws: ``BatchProcessingError`` when every record of the batch failed, so Lambda retries it whole.
    package func handle(_ event: SQSEvent, context: LambdaContext) async throws -> SQSBatchResponse {
        try await self.processor.process(event, context: context) { record, context in
            try await self.count(record.body, context: context)
        }
    }

    /// Counts one event, unless it was counted before.
    private func count(_ event: AnalyticsEvent, context: LambdaContext) async throws {
        guard UserNotification.isWellFormedID(event.eventID) else {
            throw AnalyticsEventError(.malformedEventID)
        }
        guard (1...AnalyticsKeys.maximumDetailTypeLength).contains(event.detailType.utf8.count) else {
            throw AnalyticsEventError(.malformedDetailType)
        }
        guard let day = AnalyticsDay(eventTime: event.time) else {
            throw AnalyticsEventError(.malformedTime)
        }
        let counted = try await self.analytics.count(
            eventID: event.eventID, detailType: event.detailType, day: day, nowSeconds: self.clock.nowSeconds)
        if !counted {
            context.logger.debug("Skipped an event counted before", metadata: ["eventId": .string(event.eventID)])
        }
    }
}
