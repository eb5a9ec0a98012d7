/// A schedule that invokes a function (EventBridge Scheduler): `rate(…)`, `cron(…)` or `at(…)` in a time zone.
public struct ScheduleTrigger: Sendable, Hashable {
    /// The schedule expression, e.g. `cron(0 2 * * ? *)` or `rate(5 minutes)`.
    public let expression: String
    /// The IANA time zone the expression is read in.
    public let timeZone: String
    /// The JSON the function receives; the scheduled-event envelope when `nil`.
    public let input: String?
    /// Each run may start up to this many minutes late, at random (Scheduler's flexible time window); off when `nil`.
    public let flexibleWindowMinutes: Int?

    /// Declares a schedule.
    public init(_ expression: String, timeZone: String = "UTC", input: String? = nil, flexibleWindowMinutes: Int? = nil)
    {
        self.expression = expression
        self.timeZone = timeZone
        self.input = input
        self.flexibleWindowMinutes = flexibleWindowMinutes
    }
}
