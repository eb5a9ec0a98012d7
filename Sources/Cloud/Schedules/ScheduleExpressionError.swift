/// A schedule expression or time zone that EventBridge Scheduler would refuse with a `ValidationException`.
///
/// ``description`` is Scheduler's message, e.g. `Invalid Schedule Expression rate(1 minutes).`; ``reason`` says
/// in Stratus's words what is wrong, which AWS does not.
public struct ScheduleExpressionError: Error, Equatable, CustomStringConvertible {
    /// What kind of value was refused.
    public enum Code: String, Sendable, Equatable {
        /// Not `rate(...)`, `cron(...)` or `at(...)`, or longer than 256 characters.
        case unknownForm
        /// A `rate(value unit)` expression that breaks the rules.
        case invalidRate
        /// A `cron(...)` expression that breaks the rules.
        case invalidCron
        /// An `at(yyyy-mm-ddThh:mm:ss)` expression that breaks the rules.
        case invalidAt
        /// A time zone name that is not in the zone database.
        case invalidTimeZone
    }

    /// What kind of value was refused.
    public let code: Code
    /// The refused expression or time zone name, as given.
    public let value: String
    /// What is wrong, in a sentence of Stratus's own.
    public let reason: String

    /// An error of kind `code` for `value`.
    public init(_ code: Code, _ value: String, reason: String) {
        self.code = code
        self.value = value
        self.reason = reason
    }

    /// The message Scheduler sends with its `ValidationException`.
    public var description: String {
        switch self.code {
        case .invalidTimeZone: "Invalid Schedule Expression Timezone \(self.value)."
        default: "Invalid Schedule Expression \(self.value)."
        }
    }
}
