import Cloud
import LocalCloud
import Testing

/// Cron and `at` expressions in IANA zones across daylight-saving changes: a time the clocks skip does not run, a
/// time they show twice runs once, as EventBridge Scheduler documents.
@Suite("Schedules in time zones")
struct SchedulerTimeZoneTests {
    /// The next `count` runs of `expression` in `zone` after the UTC time `after`, as UTC `yyyy-mm-ddThh:mm:ss`.
    static func runs(_ expression: String, in zone: String, after: String, count: Int = 3) throws -> [String] {
        guard case .at(let start) = try ScheduleExpression(parsing: "at(\(after))") else { return [] }
        let milliseconds = start.secondsSinceEpoch * 1000
        return try ScheduleExpression(parsing: expression)
            .fireTimes(after: milliseconds, anchor: milliseconds, in: IANATimeZone(identifier: zone), count: count)
            .map { LocalDateTime(secondsSinceEpoch: $0 / 1000).description }
    }

    @Test func newYorkSpringForwardSkipsTheMissingTime() throws {
        // 2026-03-08: 02:00 EST becomes 03:00 EDT, so 02:30 does not happen that day.
        #expect(
            try Self.runs("cron(30 2 * * ? *)", in: "America/New_York", after: "2026-03-07T00:00:00")
                == ["2026-03-07T07:30:00", "2026-03-09T06:30:00", "2026-03-10T06:30:00"])
        #expect(try Self.runs("at(2026-03-08T02:30:00)", in: "America/New_York", after: "2026-03-01T00:00:00").isEmpty)
        // Times either side of the gap run, each in its own offset.
        #expect(
            try Self.runs("cron(0 1,3 8 3 ? 2026)", in: "America/New_York", after: "2026-03-01T00:00:00")
                == ["2026-03-08T06:00:00", "2026-03-08T07:00:00"])
    }

    @Test func newYorkFallBackRunsTheRepeatedTimeOnce() throws {
        // 2026-11-01: 02:00 EDT becomes 01:00 EST, so 01:30 shows twice; it runs at the first (EDT, 05:30 UTC).
        #expect(
            try Self.runs("cron(30 1 * * ? *)", in: "America/New_York", after: "2026-10-31T00:00:00")
                == ["2026-10-31T05:30:00", "2026-11-01T05:30:00", "2026-11-02T06:30:00"])
        #expect(
            try Self.runs("cron(0/30 1-2 1 11 ? 2026)", in: "America/New_York", after: "2026-10-31T00:00:00", count: 5)
                == ["2026-11-01T05:00:00", "2026-11-01T05:30:00", "2026-11-01T07:00:00", "2026-11-01T07:30:00"])
        // Asked during the second 01:xx hour, the next run is 02:00 EST, not a repeat.
        #expect(
            try Self.runs("cron(* 1-2 1 11 ? 2026)", in: "America/New_York", after: "2026-11-01T06:10:00", count: 1)
                == ["2026-11-01T07:00:00"])
    }

    @Test func berlinSpringForwardAndFallBack() throws {
        // 2026-03-29: 02:00 CET becomes 03:00 CEST; 2026-10-25: 03:00 CEST becomes 02:00 CET.
        #expect(
            try Self.runs("cron(30 2 * * ? *)", in: "Europe/Berlin", after: "2026-03-28T00:00:00")
                == ["2026-03-28T01:30:00", "2026-03-30T00:30:00", "2026-03-31T00:30:00"])
        #expect(
            try Self.runs("cron(30 2 * * ? *)", in: "Europe/Berlin", after: "2026-10-24T00:00:00")
                == ["2026-10-24T00:30:00", "2026-10-25T00:30:00", "2026-10-26T01:30:00"])
    }

    @Test func aDailyRateIsTwentyFourHoursAcrossTheChange() throws {
        #expect(
            try Self.runs("rate(1 day)", in: "America/New_York", after: "2026-03-07T12:00:00", count: 2)
                == ["2026-03-08T12:00:00", "2026-03-09T12:00:00"])
    }

    @Test func atTimesAreReadInTheZone() throws {
        #expect(
            try Self.runs("at(2026-12-24T18:00:00)", in: "America/New_York", after: "2026-12-01T00:00:00")
                == ["2026-12-24T23:00:00"])
        // A repeated wall-clock time means its first showing (EDT), and only that.
        #expect(
            try Self.runs("at(2026-11-01T01:30:00)", in: "America/New_York", after: "2026-10-01T00:00:00")
                == ["2026-11-01T05:30:00"])
        #expect(
            try Self.runs("at(2026-11-01T01:30:00)", in: "America/New_York", after: "2026-11-01T05:30:00").isEmpty)
        #expect(
            try Self.runs("at(2026-07-01T09:00:00)", in: "Asia/Kolkata", after: "2026-01-01T00:00:00")
                == ["2026-07-01T03:30:00"])
    }

    @Test func unknownZonesAreRefused() throws {
        let error = #expect(throws: ScheduleExpressionError.self) { try IANATimeZone(identifier: "Mars/Olympus_Mons") }
        #expect(error?.code == .invalidTimeZone)
        #expect(throws: ScheduleExpressionError.self) { try IANATimeZone.named(String(repeating: "A", count: 51)) }
        #expect(try IANATimeZone.named("UTC").identifier == "UTC")
    }
}
