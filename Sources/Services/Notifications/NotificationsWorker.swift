package import Cloud
package import Middleware
import Observability

/// The notifications consumer: for each event of a batch from the `notifications` queue it writes the user's
/// notification and sends it by email (and by text message for an order's progress) through the ``Notifier``.
///
/// The effect is idempotent by event ID (the outbox's, ``EventBridgeEvent/eventID``, which survives republishing):
/// the notification is written together with the event's marker, so a redelivered, replayed or republished event
/// writes nothing new, and the messages go out only until the marker says they did.
/// A crash between writing and sending sends again on redelivery under the same idempotency keys, which the
/// notifier delivers once. Failed records are reported in `batchItemFailures` (``BatchProcessor``), and the reason
/// for each is kept as a ``DeadLetterReason`` for the dead-letter processor. Events of other types are skipped.
///
/// The records of a batch are handled concurrently, up to ten at once: each writes items of its own (no two contend
/// for one item, as the analytics worker's counts would, which therefore count one record after another), so a send
/// slow to answer holds up no other record, and their writes reach the store together, where DynamoDB serves them
/// in parallel and the local store commits those that queue as one transaction.
package struct NotificationsWorker: LambdaHandler {
    private let processor: BatchProcessor<NotificationEvent>
    private let notifications: NotificationRepository
    private let recipients: NotificationRecipients
    private let notifier: any Notifier
    private let clock: any Clock

    /// A worker writing to `store` and sending through `notifier`, on `clock`'s time.
    package init(store: any ItemStore, notifier: any Notifier, clock: any Clock = SystemClock()) {
        self.notifications = NotificationRepository(store: store, clock: clock)
        self.recipients = NotificationRecipients(store: store)
        self.notifier = notifier
        self.clock = clock
        self.processor = BatchProcessor(NotificationEvent.self, mode: .concurrent(limit: 10)) { message, error in
            let reason = DeadLetterReason(
                messageID: message.messageId, reason: ErrorDescription(error).description,
                receiveCount: Int(message.attributes.approximateReceiveCount) ?? 0, recordedAt: clock.nowISO8601)
            // Only a diagnostic is lost if this fails; the message itself goes back to the queue either way.
            try? await store.put(reason.item(expiringAfter: clock.nowSeconds))
        }
    }

    /// Notifies for every record of `event` and reports the ones that failed.
    ///
    /// - Throws: ``BatchProcessingError`` when every record of the batch failed, so Lambda retries it whole.
    package func handle(_ event: SQSEvent, context: LambdaContext) async throws -> SQSBatchResponse {
        try await self.processor.process(event, context: context) { record, context in
            try await self.notify(record.body, context: context)
        }
    }

    /// Writes and sends the notification of one event, unless it did both before.
    private func notify(_ event: NotificationEvent, context: LambdaContext) async throws {
        guard let kind = NotificationKind(rawValue: event.detailType) else {
            context.logger.notice(
                "Skipped an event that notifies nobody",
                metadata: [
                    "eventId": .string(event.eventID), "detailType": .string(String(event.detailType.prefix(64))),
                ])
            return
        }
        guard UserNotification.isWellFormedID(event.eventID) else {
            throw NotificationEventError(.malformedEventID, "The event ID is not 1–128 letters, digits, - or _")
        }
        guard event.detail.isBounded else {
            throw NotificationEventError(.oversizedField, "A field of event \(event.eventID) is too long")
        }
        guard let userID = event.detail.recipientUserID, !userID.isEmpty else {
            throw NotificationEventError(.noRecipient, "Event \(event.eventID) names no customer or user")
        }
        let template = NotificationTemplate(kind, detail: event.detail)
        let notification = UserNotification(
            notificationId: event.eventID, type: kind, subject: template.subject, body: template.body,
            createdAt: self.clock.nowISO8601, read: false, readAt: nil)
        guard try await self.notifications.record(notification, for: userID) else { return }
        let messages = try await self.recipients.messages(for: event, kind: kind, userID: userID, template: template)
        for message in messages {
            try await self.notifier.send(message)
        }
        try await self.notifications.markSent(eventID: event.eventID)
    }
}
