/// Why the analytics consumer refused an event: its ``Code`` says which field is wrong. The description never
/// repeats the event's contents.
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

    init(_ code: Code) {
        self.code = code
    }

    var description: String {
        switch self.code {
        case .malformedEventID: "malformedEventID: the event ID is not 1–128 letters, digits, - or _"
        case .malformedDetailType:
            "malformedDetailType: the detail-type is empty or over \(AnalyticsKeys.maximumDetailTypeLength) bytes"
        case .malformedTime: "malformedTime: the time is not ISO 8601 with a zone"
        }
    }
}
