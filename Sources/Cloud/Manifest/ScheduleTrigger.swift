import JSONCoding

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

extension AppManifest {
    /// Every function's schedule triggers as schedules, named `<function>-schedule` (then `-2`, `-3`, … for a
    /// function's further schedules).
    /// - Throws: ``ManifestError/invalidTrigger(function:_:)`` for an invalid expression (with AWS's message), an
    ///   input that is not JSON, or a flexible window outside 1–1440 minutes.
    public func schedules() throws(ManifestError) -> [Schedule] {
        var schedules: [Schedule] = []
        for function in self.functions {
            for (index, trigger) in function.schedules.enumerated() {
                let name = "\(function.name)-schedule" + (index == 0 ? "" : "-\(index + 1)")
                let expression: ScheduleExpression
                do { expression = try ScheduleExpression(parsing: trigger.expression) } catch {
                    throw .invalidTrigger(function: function.name, "\(error.description) \(error.reason)")
                }
                var input: JSONValue?
                if let text = trigger.input {
                    guard let json = JSONValue(parsing: Array(text.utf8), maximumDepth: 100) else {
                        throw .invalidTrigger(function: function.name, "the input of schedule \(name) is not JSON")
                    }
                    input = json
                }
                var window = FlexibleTimeWindow.off
                if let minutes = trigger.flexibleWindowMinutes {
                    guard let flexible = FlexibleTimeWindow.flexible(minutes: minutes) else {
                        throw .invalidTrigger(function: function.name, "a flexible time window is 1–1440 minutes")
                    }
                    window = flexible
                }
                schedules.append(
                    Schedule(
                        name: name, expression: expression, timeZoneIdentifier: trigger.timeZone,
                        target: .function(function.name), input: input, flexibleTimeWindow: window))
            }
        }
        return schedules
    }
}
