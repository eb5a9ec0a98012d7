import Cloud
import Testing

/// The times rate, cron and `at` expressions name, in UTC, against dates worked out by hand.
@Suite("Schedule expression fire times")
struct ScheduleFireTimeTests {
    typealias Times = ScheduleTestTimes

    @Test func lastDayOfFebruaryInCommonAndLeapYears() throws {
        #expect(
            try Times.runs("cron(0 0 L 2 ? *)", after: "2027-01-01T00:00:00")
                == ["2027-02-28T00:00:00", "2028-02-29T00:00:00", "2029-02-28T00:00:00"])
        #expect(
            try Times.runs("cron(0 12 29 2 ? *)", after: "2025-01-01T00:00:00", count: 2)
                == ["2028-02-29T12:00:00", "2032-02-29T12:00:00"])
    }

    @Test func lastWeekdayOfTheMonthInDayOfWeek() throws {
        #expect(
            try Times.runs("cron(0 12 ? * 5L *)", after: "2027-01-01T00:00:00")
                == ["2027-01-28T12:00:00", "2027-02-25T12:00:00", "2027-03-25T12:00:00"])
        // L alone in day-of-week is the week's last day, Saturday.
        #expect(try Times.runs("cron(0 0 ? * L *)", after: "2026-01-01T00:00:00", count: 1) == ["2026-01-03T00:00:00"])
    }

    @Test func nearestWeekdayStaysInsideTheMonth() throws {
        // 15 February and 15 March 2026 are Sundays, 15 August a Saturday.
        #expect(
            try Times.runs("cron(0 9 15W * ? *)", after: "2026-02-01T00:00:00", count: 2)
                == ["2026-02-16T09:00:00", "2026-03-16T09:00:00"])
        #expect(
            try Times.runs("cron(0 9 15W 8 ? *)", after: "2026-01-01T00:00:00", count: 1) == ["2026-08-14T09:00:00"])
        // 1 August 2026 is a Saturday: the nearest weekday in the month is Monday the 3rd, not Friday 31 July.
        #expect(try Times.runs("cron(0 9 1W 8 ? *)", after: "2026-01-01T00:00:00", count: 1) == ["2026-08-03T09:00:00"])
        // 31 May 2026 is a Sunday: Friday the 29th; months without a 31st have no run.
        #expect(
            try Times.runs("cron(0 9 31W * ? *)", after: "2026-05-01T00:00:00", count: 2)
                == ["2026-05-29T09:00:00", "2026-07-31T09:00:00"])
    }

    @Test func lastWeekdayOfTheMonth() throws {
        // 31 January and 28 February 2026 are Saturdays, 31 May a Sunday.
        #expect(
            try Times.runs("cron(0 18 LW * ? *)", after: "2026-01-01T00:00:00", count: 5)
                == [
                    "2026-01-30T18:00:00", "2026-02-27T18:00:00", "2026-03-31T18:00:00", "2026-04-30T18:00:00",
                    "2026-05-29T18:00:00",
                ])
    }

    @Test func nthWeekdaySkipsMonthsWithoutIt() throws {
        #expect(
            try Times.runs("cron(0 8 ? * 3#2 *)", after: "2026-01-01T00:00:00")
                == ["2026-01-13T08:00:00", "2026-02-10T08:00:00", "2026-03-10T08:00:00"])
        #expect(
            try Times.runs("cron(0 8 ? * TUE#5 *)", after: "2026-01-01T00:00:00", count: 4)
                == ["2026-03-31T08:00:00", "2026-06-30T08:00:00", "2026-09-29T08:00:00", "2026-12-29T08:00:00"])
    }

    @Test func stepsRangesListsAndNames() throws {
        #expect(
            try Times.runs("cron(0/20 9-10 * * ? *)", after: "2026-01-01T10:30:00", count: 3)
                == ["2026-01-01T10:40:00", "2026-01-02T09:00:00", "2026-01-02T09:20:00"])
        // 2026-01-02 is a Friday: the next runs are Monday's.
        #expect(
            try Times.runs("cron(5,35 */12 ? * mon-fri *)", after: "2026-01-02T12:35:00", count: 3)
                == ["2026-01-05T00:05:00", "2026-01-05T00:35:00", "2026-01-05T12:05:00"])
        #expect(
            try Times.runs("cron(0 0 1 JAN,JUL ? *)", after: "2026-01-01T00:00:00", count: 2)
                == ["2026-07-01T00:00:00", "2027-01-01T00:00:00"])
        #expect(
            try Times.runs("cron(0 0 1/10 * ? *)", after: "2026-01-01T00:00:00", count: 4)
                == ["2026-01-11T00:00:00", "2026-01-21T00:00:00", "2026-01-31T00:00:00", "2026-02-01T00:00:00"])
    }

    @Test func yearsEndTheSchedule() throws {
        #expect(
            try Times.runs("cron(0 0 1 1 ? 2198-2199)", after: "2026-01-01T00:00:00")
                == ["2198-01-01T00:00:00", "2199-01-01T00:00:00"])
        #expect(try Times.runs("cron(0 0 1 1 ? 2020)", after: "2026-01-01T00:00:00").isEmpty)
        #expect(try Times.runs("cron(0 0 30 2 ? *)", after: "2026-01-01T00:00:00").isEmpty)
    }

    @Test func theNextRunIsStrictlyAfterTheGivenTime() throws {
        #expect(
            try Times.runs("cron(0 * * * ? *)", after: "2026-01-01T10:00:00", count: 1) == ["2026-01-01T11:00:00"])
        let justBefore = try Times.utc("2026-01-01T10:00:00") - 1
        #expect(
            try ScheduleExpression(parsing: "cron(0 * * * ? *)")
                .fireTime(after: justBefore, anchor: 0, in: UTCTimeZone()) == Times.utc("2026-01-01T10:00:00"))
    }

    @Test func aRateRunsAtItsAnchorThenEveryInterval() throws {
        let anchor = try Times.utc("2026-01-01T10:00:00")
        let rate = try ScheduleExpression(parsing: "rate(5 minutes)")
        #expect(rate.fireTime(after: anchor - 1, anchor: anchor, in: UTCTimeZone()) == anchor)
        #expect(
            try rate.fireTime(after: Times.utc("2026-01-01T10:07:00"), anchor: anchor, in: UTCTimeZone())
                == Times.utc("2026-01-01T10:10:00"))
        #expect(try ScheduleExpression(parsing: "rate(1 day)").description == "rate(1 day)")
        #expect(
            try Times.runs("rate(2 hours)", after: "2026-01-01T23:00:00", count: 3)
                == ["2026-01-02T01:00:00", "2026-01-02T03:00:00", "2026-01-02T05:00:00"])
    }

    @Test func anAtScheduleRunsOnce() throws {
        #expect(
            try Times.runs("at(2026-12-24T18:00:00)", after: "2026-12-01T00:00:00") == ["2026-12-24T18:00:00"])
        #expect(try Times.runs("at(2026-12-24T18:00:00)", after: "2026-12-24T18:00:00").isEmpty)
    }
}
