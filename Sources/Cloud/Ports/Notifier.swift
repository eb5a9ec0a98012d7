/// The port to people outside the system: emails and text messages (SES and SNS on AWS, the notification log in the
/// local cloud).
///
/// Sending is at least once from the caller's side, so an adapter delivers each ``OutgoingNotification/idempotencyKey``
/// at most once: a repeat with a key already delivered succeeds without sending again.
public protocol Notifier: Sendable {
    /// Delivers `notification` unless one with its idempotency key was delivered before.
    ///
    /// - Throws: a ``NotifierError`` when the recipient is refused or the channel cannot be reached.
    func send(_ notification: OutgoingNotification) async throws(NotifierError)
}
