/// What the notifications worker needs from the bus and the queues (issue 16 §1), stated here until the manifest can
/// declare queue triggers: a queue fed by a rule on the four notifying events, consumed in batches with partial
/// failures reported, and a dead-letter queue after five receives.
package struct NotificationsQueueTrigger: Sendable, Equatable {
    /// The queue the rule sends the events to.
    package var queue: String
    /// Where a message goes after ``maxReceiveCount`` failed receives.
    package var deadLetterQueue: String
    /// The `detail-type`s the rule matches.
    package var detailTypes: [String]
    /// The most messages per invocation.
    package var batchSize: Int
    /// Receives before a message moves to the dead-letter queue.
    package var maxReceiveCount: Int
    /// Whether the event source mapping has `ReportBatchItemFailures`; the worker answers `batchItemFailures`.
    package var reportsBatchItemFailures: Bool

    /// The notifications worker's trigger as the issue asks for it.
    package static let notifications = NotificationsQueueTrigger(
        queue: "notifications", deadLetterQueue: "notifications-dlq",
        detailTypes: NotificationKind.allCases.map(\.rawValue), batchSize: 10, maxReceiveCount: 5,
        reportsBatchItemFailures: true)
}
