/// Why a ``Notifier`` could not deliver a notification: its ``Code`` says what went wrong, the message says more.
public struct NotifierError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: String, Sendable, Equatable {
        /// No adapter is configured, or the channel's service cannot be reached; a retry may succeed.
        case unavailable
        /// The recipient is not an address the channel can deliver to.
        case invalidRecipient
        /// The notification is larger than the channel takes.
        case tooLarge
    }

    /// What went wrong.
    public let code: Code
    /// The details, in a sentence; it never holds the notification's body.
    public let message: String

    /// An error with `code`, explained by `message`.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The code and the details, e.g. `unavailable: No notifier is configured`.
    public var description: String { "\(self.code.rawValue): \(self.message)" }
}
