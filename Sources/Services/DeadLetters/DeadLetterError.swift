/// Why a dead letter could not be recorded or redriven: its ``Code`` says what is wrong.
package struct DeadLetterError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    package enum Code: String, Sendable, Equatable {
        /// The message came from a queue that is no dead-letter queue of the app.
        case unknownDeadLetterQueue
        /// No dead letter has the ID.
        case notFound
    }

    /// What went wrong.
    package let code: Code
    /// The details, in a sentence.
    package let message: String

    /// An error with `code`, described by `message`.
    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The code followed by the message.
    package var description: String { "\(self.code.rawValue): \(self.message)" }
}
