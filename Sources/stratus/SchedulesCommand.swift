import App
import ArgumentParser
import Cloud
import Foundation
import LocalCloud

/// `stratus schedules`: the next runs of each schedule of the app manifest, or of one schedule expression, read as
/// EventBridge Scheduler reads it.
struct SchedulesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedules",
        abstract:
            "List the next runs of the app's schedules, or of one expression, as EventBridge Scheduler computes them.",
        discussion: """
            Without --expression, prints each schedule of the app manifest with its next runs. With it, prints one \
            run per line, in the time zone and in UTC, e.g. \
            2026-12-24T18:00:00-05:00  2026-12-24T23:00:00Z. A rate runs first at once, then every interval. \
            An expression or time zone Scheduler would refuse prints its ValidationException message on standard \
            error (exit 2).
            """
    )

    /// The exit status for an expression or a time zone Scheduler would refuse.
    static let invalidExpressionStatus: Int32 = 2
    /// The most runs listed.
    static let maximumCount = 100

    @Option(name: .long, help: "A schedule expression to read instead of the app's: rate(...), cron(...) or at(...).")
    var expression: String?

    @Option(name: .customLong("timezone"), help: "The IANA time zone the expression is read in.")
    var timeZone = "UTC"

    @Option(name: .long, help: "How many runs to list (1-\(Self.maximumCount)).")
    var count = 5

    @Option(name: .long, help: "List the runs from this time on (ISO 8601, e.g. 2026-03-08T06:00:00Z); now by default.")
    var after: String?

    func validate() throws {
        guard (1...Self.maximumCount).contains(self.count) else {
            throw ValidationError("--count must be from 1 to \(Self.maximumCount)")
        }
        if let after = self.after, Self.milliseconds(iso8601: after) == nil {
            throw ValidationError("--after must be an ISO 8601 time such as 2026-03-08T06:00:00Z")
        }
    }

    func run() async throws {
        let start = self.after.flatMap(Self.milliseconds(iso8601:)) ?? SystemClock().nowMilliseconds
        guard let expression = self.expression else {
            let schedules = try ReferenceApp.manifest.schedules()
            guard !schedules.isEmpty else { return print("The app declares no schedules") }
            do {
                print(try Self.table(of: schedules, from: start, count: self.count))
            } catch {
                throw CommandLineError("\(error.description) \(error.reason)")
            }
            return
        }
        switch Self.runs(of: expression, in: self.timeZone, from: start, count: self.count) {
        case .success(let lines):
            for line in lines { print(line) }
        case .failure(let error):
            FileHandle.standardError.write(Data("ValidationException: \(error.description) (\(error.reason))\n".utf8))
            throw ExitCode(Self.invalidExpressionStatus)
        }
    }

    /// The next `count` runs of `expression` in the zone named `timeZone` from `start`, formatted.
    private static func runs(of expression: String, in timeZone: String, from start: Int64, count: Int)
        -> Result<[String], ScheduleExpressionError>
    {
        Result { () throws(ScheduleExpressionError) in
            let expression = try ScheduleExpression(parsing: expression)
            let zone = try IANATimeZone.named(timeZone)
            return expression.fireTimes(after: start - 1, anchor: start, in: zone, count: count).map {
                Self.format($0, in: zone)
            }
        }
    }

    /// A table of `schedules`: name, expression, time zone and the next `count` runs from `start` (milliseconds
    /// since the Unix epoch), one run per line; throws for a schedule whose time zone is unknown.
    static func table(of schedules: [Schedule], from start: Int64, count: Int = 5) throws(ScheduleExpressionError)
        -> String
    {
        var rows = [["NAME", "EXPRESSION", "TIME ZONE", "NEXT RUNS"]]
        for schedule in schedules {
            let zone = try IANATimeZone.named(schedule.timeZoneIdentifier)
            let runs =
                schedule.isEnabled
                ? schedule.expression.fireTimes(after: start - 1, anchor: start, in: zone, count: count).map {
                    Self.format($0, in: zone)
                } : ["(disabled)"]
            for (index, run) in (runs.isEmpty ? ["(none)"] : runs).enumerated() {
                rows.append(
                    index == 0
                        ? [schedule.name, schedule.expression.description, schedule.timeZoneIdentifier, run]
                        : ["", "", "", run])
            }
        }
        return TextTable(header: rows[0], rows: Array(rows.dropFirst())).rendered
    }

    /// A run as the zone's ISO 8601 time with its offset, two spaces, and the UTC time, e.g.
    /// `2026-12-24T18:00:00-05:00  2026-12-24T23:00:00Z`.
    static func format(_ milliseconds: Int64, in zone: some ScheduleTimeZone) -> String {
        let seconds = milliseconds / 1000
        let offset = zone.secondsFromUTC(at: seconds)
        let sign = offset < 0 ? "-" : "+"
        let hours = String(abs(offset) / 3600)
        let minutes = String(abs(offset) / 60 % 60)
        let zoneOffset =
            sign + String(repeating: "0", count: 2 - hours.count) + hours + ":"
            + String(repeating: "0", count: 2 - minutes.count) + minutes
        return "\(zone.localDateTime(at: seconds))\(zoneOffset)  \(LocalDateTime(secondsSinceEpoch: seconds))Z"
    }

    /// Milliseconds since the Unix epoch of an ISO 8601 time with a zone designator, or `nil`.
    private static func milliseconds(iso8601 text: String) -> Int64? {
        ISO8601DateFormatter().date(from: text).map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) }
    }
}
