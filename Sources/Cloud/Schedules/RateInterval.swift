/// The interval of a `rate(value unit)` expression: `rate(1 minute)`, `rate(5 minutes)`, `rate(2 hours)`,
/// `rate(1 day)`. A day is 24 hours, whatever daylight saving time does to the clocks, as on Scheduler.
public struct RateInterval: Sendable, Hashable, CustomStringConvertible {
    /// The unit of a rate.
    public enum Unit: String, Sendable, Hashable, CaseIterable {
        /// Sixty seconds.
        case minute
        /// Sixty minutes.
        case hour
        /// Twenty-four hours.
        case day

        /// The unit's length in milliseconds.
        var milliseconds: Int64 {
            switch self {
            case .minute: 60_000
            case .hour: 3_600_000
            case .day: 86_400_000
            }
        }
    }

    /// The largest value accepted, so that the interval stays far from overflowing (about 1,900 years in days).
    public static let maximumValue = 999_999

    /// How many units, at least 1.
    public let value: Int
    /// The unit.
    public let unit: Unit

    /// Parses the inside of `rate(...)`, e.g. `5 minutes`: a positive whole number, one space, and the unit in the
    /// singular for 1 and in the plural otherwise, as AWS requires (`rate(1 minutes)` is refused).
    init(parsing text: Substring, expression: String) throws(ScheduleExpressionError) {
        func invalid(_ reason: String) -> ScheduleExpressionError {
            ScheduleExpressionError(.invalidRate, expression, reason: reason)
        }
        let parts = text.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw invalid("a rate is a value and a unit separated by one space") }
        let digits = parts[0]
        guard !digits.isEmpty, digits.count <= 6, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            let value = Int(digits), value >= 1
        else {
            throw invalid("the value must be a whole number from 1 to \(Self.maximumValue)")
        }
        let word = parts[1]
        let singular = word.hasSuffix("s") ? word.dropLast() : word
        guard let unit = Unit(rawValue: String(singular)) else {
            throw invalid("the unit must be minute(s), hour(s) or day(s)")
        }
        guard (value == 1) == (word == singular) else {
            throw invalid(value == 1 ? "a value of 1 takes the singular unit" : "a value above 1 takes the plural unit")
        }
        self.value = value
        self.unit = unit
    }

    /// The interval in milliseconds.
    public var milliseconds: Int64 { Int64(self.value) * self.unit.milliseconds }

    /// The inside of the expression, e.g. `5 minutes`.
    public var description: String { "\(self.value) \(self.unit.rawValue)\(self.value == 1 ? "" : "s")" }
}
