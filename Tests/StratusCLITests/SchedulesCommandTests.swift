import Cloud
import StratusTesting
import Testing

@testable import stratus

/// `stratus schedules` as a user runs it, and the table the merge prints for the manifest's schedules.
@Suite("stratus schedules")
struct SchedulesCommandTests {
    static func schedules(_ arguments: [String]) async throws -> ProcessRun {
        try await runToCompletion(TestEnvironment.stratus, ["schedules"] + arguments)
    }

    @Test func listsTheNextRunsInTheZoneAndInUTC() async throws {
        let run = try await Self.schedules([
            "--expression", "cron(30 2 * * ? *)", "--timezone", "America/New_York",
            "--after", "2026-03-07T00:00:00Z", "--count", "3",
        ])
        #expect(run.status == 0)
        #expect(
            run.outputText == """
                2026-03-07T02:30:00-05:00  2026-03-07T07:30:00Z
                2026-03-09T02:30:00-04:00  2026-03-09T06:30:00Z
                2026-03-10T02:30:00-04:00  2026-03-10T06:30:00Z

                """)
    }

    @Test func listsFiveRunsInUTCByDefault() async throws {
        let run = try await Self.schedules(["--expression", "rate(1 day)", "--after", "2026-01-01T12:00:00Z"])
        #expect(run.status == 0)
        #expect(
            run.outputText.split(separator: "\n") == [
                "2026-01-01T12:00:00+00:00  2026-01-01T12:00:00Z", "2026-01-02T12:00:00+00:00  2026-01-02T12:00:00Z",
                "2026-01-03T12:00:00+00:00  2026-01-03T12:00:00Z", "2026-01-04T12:00:00+00:00  2026-01-04T12:00:00Z",
                "2026-01-05T12:00:00+00:00  2026-01-05T12:00:00Z",
            ])
    }

    @Test func anInvalidExpressionPrintsSchedulersMessageAndExitsTwo() async throws {
        let run = try await Self.schedules(["--expression", "rate(1 minutes)"])
        #expect(run.status == 2)
        #expect(run.outputText.isEmpty)
        #expect(
            run.errorText
                == "ValidationException: Invalid Schedule Expression rate(1 minutes). (a value of 1 takes the singular unit)\n"
        )
        let zone = try await Self.schedules(["--expression", "rate(1 minute)", "--timezone", "Mars/Base"])
        #expect(zone.status == 2)
        #expect(zone.errorText.hasPrefix("ValidationException: Invalid Schedule Expression Timezone Mars/Base."))
    }

    @Test func aCountOutsideItsBoundsIsAUsageError() async throws {
        let run = try await Self.schedules(["--expression", "rate(1 minute)", "--count", "101"])
        #expect(run.status == 64)
        #expect(run.errorText.contains("--count must be from 1 to 100"))
        let after = try await Self.schedules(["--expression", "rate(1 minute)", "--after", "yesterday"])
        #expect(after.status == 64)
    }

    @Test func theTableListsEachScheduleWithItsNextRuns() throws {
        var paused = Schedule(
            name: "paused", expression: try ScheduleExpression(parsing: "rate(1 hour)"), target: .queue("q"))
        paused.isEnabled = false
        let schedules = [
            Schedule(
                name: "reports-daily", expression: try ScheduleExpression(parsing: "cron(0 2 * * ? *)"),
                timeZoneIdentifier: "Europe/Berlin", target: .function("reports-daily")),
            paused,
            Schedule(
                name: "launch", expression: try ScheduleExpression(parsing: "at(2020-01-01T00:00:00)"),
                target: .function("launch")),
        ]
        let start: Int64 = 1_798_761_600_000  // 2027-01-01T00:00:00Z
        let table = try SchedulesCommand.table(of: schedules, from: start, count: 2)
        #expect(
            table == """
                NAME           EXPRESSION               TIME ZONE      NEXT RUNS
                reports-daily  cron(0 2 * * ? *)        Europe/Berlin  2027-01-01T02:00:00+01:00  2027-01-01T01:00:00Z
                                                                       2027-01-02T02:00:00+01:00  2027-01-02T01:00:00Z
                paused         rate(1 hour)             UTC            (disabled)
                launch         at(2020-01-01T00:00:00)  UTC            (none)
                """)
    }
}
