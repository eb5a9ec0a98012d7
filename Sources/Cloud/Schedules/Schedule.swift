public import JSONCoding

/// A schedule of the app: when it runs (``expression`` in ``timeZoneIdentifier``), what it invokes and with what.
public struct Schedule: Sendable, Hashable {
    /// The schedule's name, unique in the app, e.g. `reports-daily`.
    public var name: String
    /// When it runs.
    public var expression: ScheduleExpression
    /// The IANA zone in which cron and `at` expressions are read, e.g. `Europe/Berlin`; `UTC` by default.
    public var timeZoneIdentifier: String
    /// What it invokes.
    public var target: ScheduleTarget
    /// The JSON the target receives, or `nil` for the `Scheduled Event` envelope.
    public var input: JSONValue?
    /// How far after its time it may run.
    public var flexibleTimeWindow: FlexibleTimeWindow
    /// Whether it runs at all; a disabled schedule is kept but never fires.
    public var isEnabled: Bool

    /// A schedule; by default in UTC, sending the scheduled-event envelope, on time and enabled.
    public init(
        name: String,
        expression: ScheduleExpression,
        timeZoneIdentifier: String = "UTC",
        target: ScheduleTarget,
        input: JSONValue? = nil,
        flexibleTimeWindow: FlexibleTimeWindow = .off,
        isEnabled: Bool = true
    ) {
        self.name = name
        self.expression = expression
        self.timeZoneIdentifier = timeZoneIdentifier
        self.target = target
        self.input = input
        self.flexibleTimeWindow = flexibleTimeWindow
        self.isEnabled = isEnabled
    }
}
