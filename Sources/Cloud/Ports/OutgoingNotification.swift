/// One email or text message to send through a ``Notifier``.
public struct OutgoingNotification: Sendable, Equatable {
    /// How a notification travels.
    public enum Channel: String, Sendable, Equatable, CaseIterable {
        /// An email, with a subject line.
        case email
        /// A text message; the subject is not sent.
        case sms
    }

    /// The most bytes a recipient may have: an email address's limit.
    public static let maximumRecipientBytes = 320
    /// The most bytes a subject may have.
    public static let maximumSubjectBytes = 200
    /// The most bytes a body may have (an SMS adapter may split or refuse a long one).
    public static let maximumBodyBytes = 16 * 1024

    /// How it travels.
    public var channel: Channel
    /// The email address, or the phone number in E.164 (`+14155550123`).
    public var recipient: String
    /// The subject line.
    public var subject: String
    /// The text.
    public var body: String
    /// The same for every attempt to send this notification, e.g. `<eventId>#email`: adapters deliver each key once.
    public var idempotencyKey: String

    /// A notification on `channel` to `recipient`; `idempotencyKey` names it across retries.
    public init(channel: Channel, recipient: String, subject: String, body: String, idempotencyKey: String) {
        self.channel = channel
        self.recipient = recipient
        self.subject = subject
        self.body = body
        self.idempotencyKey = idempotencyKey
    }
}
