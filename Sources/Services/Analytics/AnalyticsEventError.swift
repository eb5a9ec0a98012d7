/// Why the analytics consumer refused an event: its ``Code`` says what is wrong with it. The message names the
/// event's ID only when that ID is well formed, and never the event's contents.
struct AnalyticsEventError: Error, Sendable, Equatable, CustomStringConvertible {
    enum Code: String, Sendable, Equatable {
        /// The event's ID is not 1–128 letters, digits, `-` or `_`.
        case malformedEventID
        /// The `detail-type` is empty or longer than ``AnalyticsKeys/maximumDetailTypeLength``.
        case malformedDetailType
        /// The `time` is not an ISO 8601 time with a zone designator.
        case malformedTime
    }

    let code: Code
    let message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    var description: String { "\(self.code.rawValue): \(self.message)" }
}
