/// Why the notifications worker refused an event: its ``Code`` says what is wrong with it. The message names the
/// event's ID and never its contents.
struct NotificationEventError: Error, Sendable, Equatable, CustomStringConvertible {
    enum Code: String, Sendable, Equatable {
        /// The event's ID is not 1–128 letters, digits, `-` or `_`.
        case malformedEventID
        /// The detail names neither a customer nor a user.
        case noRecipient
        /// A text field of the detail is longer than the worker accepts.
        case oversizedField
    }

    let code: Code
    let message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    var description: String { "\(self.code.rawValue): \(self.message)" }
}
