public import Cloud

/// The local notifier: each notification becomes one line of the log, its idempotency key with it, so a notification
/// sent again under the same key is not written twice. The file is written on a thread of the global pool, never on
/// the caller's executor.
extension NotificationLog: Notifier {
    /// Appends `notification` unless its key is in the log already.
    ///
    /// - Throws: ``NotifierError/Code/tooLarge`` for a subject or body over ``OutgoingNotification``'s limits,
    ///   ``NotifierError/Code/invalidRecipient`` for an empty or over-long recipient or one that exists only on paper
    ///   (``ReservedRecipient``), ``NotifierError/Code/unavailable``
    ///   when the file cannot be written.
    public func send(_ notification: OutgoingNotification) async throws(NotifierError) {
        guard notification.subject.utf8.count <= OutgoingNotification.maximumSubjectBytes,
            notification.body.utf8.count <= OutgoingNotification.maximumBodyBytes
        else {
            throw NotifierError(.tooLarge, "The subject or the body is over the limit")
        }
        guard !notification.recipient.isEmpty,
            notification.recipient.utf8.count <= OutgoingNotification.maximumRecipientBytes
        else {
            throw NotifierError(.invalidRecipient, "The recipient is empty or longer than an address can be")
        }
        if let reason = ReservedRecipient.reason(notification.recipient, on: notification.channel) {
            throw NotifierError(.invalidRecipient, reason)
        }
        let task = Task.detached {
            try self.append(
                channel: notification.channel.rawValue, to: notification.recipient, subject: notification.subject,
                message: notification.body, key: notification.idempotencyKey)
        }
        do {
            _ = try await task.value
        } catch {
            throw NotifierError(.unavailable, "The notification log could not be written: \(error)")
        }
    }
}
