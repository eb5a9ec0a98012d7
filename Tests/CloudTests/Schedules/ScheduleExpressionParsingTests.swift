import Cloud
import Testing

/// What Scheduler accepts and refuses as a schedule expression, and the error it gives.
@Suite("Schedule expression parsing")
struct ScheduleExpressionParsingTests {
    @Test(arguments: [
        "rate(1 minute)", "rate(5 minutes)", "rate(1 hour)", "rate(12 hours)", "rate(1 day)", "rate(7 days)",
        "cron(0 2 * * ? *)", "cron(0/15 * ? * MON-FRI *)", "cron(0 10 L * ? *)", "cron(0 10 LW * ? *)",
        "cron(0 10 15W * ? *)", "cron(0 10 ? * 6L *)", "cron(0 10 ? * 3#2 *)", "cron(0 10 ? JAN-MAR SUN,SAT 2026-2030)",
        "cron(*/5 * * * ? *)", "cron(0 0 1 1 ? 1970,2199)", "at(2026-12-24T18:00:00)", "at(2028-02-29T00:00:00)",
    ])
    func acceptsAndKeepsTheText(_ text: String) throws {
        #expect(try ScheduleExpression(parsing: text).description == text)
    }

    @Test(arguments: [
        ("rate(1 minutes)", ScheduleExpressionError.Code.invalidRate),
        ("rate(5 minute)", .invalidRate),
        ("rate(0 minutes)", .invalidRate),
        ("rate(-5 minutes)", .invalidRate),
        ("rate(5 seconds)", .invalidRate),
        ("rate(5  minutes)", .invalidRate),
        ("rate(minutes)", .invalidRate),
        ("rate(1000000 days)", .invalidRate),
        ("cron(0 0 * * * *)", .invalidCron),
        ("cron(0 0 ? * ? *)", .invalidCron),
        ("cron(0 0 * * ?)", .invalidCron),
        ("cron(0 0 0 * * ? *)", .invalidCron),
        ("cron(60 0 * * ? *)", .invalidCron),
        ("cron(0 24 * * ? *)", .invalidCron),
        ("cron(*/60 * * * ? *)", .invalidCron),
        ("cron(0 0 32 * ? *)", .invalidCron),
        ("cron(0 0 0 * ? *)", .invalidCron),
        ("cron(0 0 * 13 ? *)", .invalidCron),
        ("cron(0 0 ? * 8 *)", .invalidCron),
        ("cron(0 0 ? * MON/2 *)", .invalidCron),
        ("cron(0 0 ? * 3#6 *)", .invalidCron),
        ("cron(0 0 ? * 3#1,6#3 *)", .invalidCron),
        ("cron(0 0 1,L * ? *)", .invalidCron),
        ("cron(0 0 L-2 * ? *)", .invalidCron),
        ("cron(0 0 * * ? 1969)", .invalidCron),
        ("cron(0 0 * * ? 2200)", .invalidCron),
        ("cron(0 10-5 * * ? *)", .invalidCron),
        ("cron(0 ? * * ? *)", .invalidCron),
        ("cron(0 0 * FOO ? *)", .invalidCron),
        ("at(2026-02-29T00:00:00)", .invalidAt),
        ("at(2026-12-24 18:00:00)", .invalidAt),
        ("at(2026-12-24T24:00:00)", .invalidAt),
        ("at(2026-12-24T18:00)", .invalidAt),
        ("every(5 minutes)", .unknownForm),
        ("rate 5 minutes", .unknownForm),
        ("", .unknownForm),
    ])
    func refusesWithItsKind(_ text: String, code: ScheduleExpressionError.Code) {
        #expect(throws: ScheduleExpressionError.self) { try ScheduleExpression(parsing: text) }
        do {
            _ = try ScheduleExpression(parsing: text)
        } catch {
            #expect(error.code == code)
            #expect(error.description == "Invalid Schedule Expression \(text).")
            #expect(!error.reason.isEmpty)
        }
    }

    @Test func refusesExpressionsLongerThanScheduler() {
        let long = "cron(" + String(repeating: "0,", count: 130) + "0 * * * ? *)"
        #expect(throws: ScheduleExpressionError.self) { try ScheduleExpression(parsing: long) }
    }

    @Test func reasonsNameTheProblem() throws {
        let singular = #expect(throws: ScheduleExpressionError.self) {
            try ScheduleExpression(parsing: "rate(1 hours)")
        }
        #expect(singular?.reason == "a value of 1 takes the singular unit")
        let bothDays = #expect(throws: ScheduleExpressionError.self) {
            try ScheduleExpression(parsing: "cron(0 0 * * MON *)")
        }
        #expect(bothDays?.reason == "one of day-of-month and day-of-week must be '?'")
    }

    @Test func flexibleWindowsRunFromOneMinuteToADay() {
        #expect(FlexibleTimeWindow.flexible(minutes: 0) == nil)
        #expect(FlexibleTimeWindow.flexible(minutes: 1441) == nil)
        #expect(FlexibleTimeWindow.flexible(minutes: 1440)?.milliseconds == 86_400_000)
        #expect(FlexibleTimeWindow.off.milliseconds == 0)
    }
}
