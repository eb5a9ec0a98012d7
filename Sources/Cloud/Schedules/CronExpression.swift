/// The six fields of an EventBridge Scheduler `cron(minutes hours day-of-month month day-of-week year)` expression,
/// and the times they name in a time zone.
///
/// Fields take `,` `-` `*` and `/` (not day-of-week); day-of-month takes `?`, `L`, `LW` and `15W`; day-of-week
/// takes `?`, `1`–`7` or `SUN`–`SAT`, `L` (Saturday), `5L` (the last Thursday) and `3#2` (the second Tuesday);
/// exactly one of the two day fields is `?`. Years run from 1970 to 2199.
///
/// In a zone with daylight saving time a time the clocks skip is not run, and a time they show twice runs once,
/// at its first showing, as Scheduler does.
public struct CronExpression: Sendable, Hashable, CustomStringConvertible {
    /// The fields as written, e.g. `0 2 * * ? *`.
    public let fields: String
    private let minutes: [Int]
    private let hours: [Int]
    private let days: CronDays
    private let months: [Int]
    private let years: [Int]

    /// Parses the fields inside `cron(...)`, e.g. `0 2 * * ? *`.
    public init(fields: String) throws(ScheduleExpressionError) {
        let parts = fields.split(separator: " ")
        do throws(CronSyntaxError) {
            guard parts.count == 6 else {
                throw CronSyntaxError("a cron expression has six fields, not \(parts.count)")
            }
            self.minutes = try CronField.minutes.values(parts[0])
            self.hours = try CronField.hours.values(parts[1])
            self.days = try CronDays(dayOfMonth: parts[2], dayOfWeek: parts[4])
            self.months = try CronField.month.values(parts[3])
            self.years = try CronField.year.values(parts[5])
        } catch {
            throw ScheduleExpressionError(.invalidCron, "cron(\(fields))", reason: error.reason)
        }
        self.fields = fields
    }

    /// The expression as written, e.g. `cron(0 2 * * ? *)`.
    public var description: String { "cron(\(self.fields))" }

    /// The first time after `utcMilliseconds` (milliseconds since the Unix epoch) at which the expression runs in
    /// `zone`, in the same unit; `nil` when it never runs again (its years are over, or it names a day that does
    /// not occur, such as 30 February).
    public func nextFireTime(after utcMilliseconds: Int64, in zone: some ScheduleTimeZone) -> Int64? {
        let afterSeconds = LocalDateTime.floorDivide(utcMilliseconds, 1000)
        let start = zone.localDateTime(at: afterSeconds)
        for year in self.years where year >= start.year {
            for month in self.months where (year, month) >= (start.year, start.month) {
                for day in self.days.days(year: year, month: month)
                where (year, month, day) >= (start.year, start.month, start.day) {
                    let startDay = (year, month, day) == (start.year, start.month, start.day)
                    for hour in self.hours where !startDay || hour >= start.hour {
                        let startHour = startDay && hour == start.hour
                        for minute in self.minutes where !startHour || minute >= start.minute {
                            let local = LocalDateTime(year: year, month: month, day: day, hour: hour, minute: minute)
                            if let instant = zone.firstInstant(of: local), instant * 1000 > utcMilliseconds {
                                return instant * 1000
                            }
                        }
                    }
                }
            }
        }
        return nil
    }
}
