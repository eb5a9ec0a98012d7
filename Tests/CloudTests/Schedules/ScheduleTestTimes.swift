import Cloud
import Testing

/// Times written as `yyyy-mm-ddThh:mm:ss` for the schedule tests, in UTC unless a zone is given.
enum ScheduleTestTimes {
    /// The wall-clock time `text`.
    static func local(_ text: String) throws -> LocalDateTime {
        guard case .at(let time) = try ScheduleExpression(parsing: "at(\(text))") else {
            throw ScheduleExpressionError(.invalidAt, text, reason: "not a time")
        }
        return time
    }

    /// Milliseconds since the Unix epoch of the UTC time `text`.
    static func utc(_ text: String) throws -> Int64 {
        try Self.local(text).secondsSinceEpoch * 1000
    }

    /// The UTC time of `milliseconds`, as `yyyy-mm-ddThh:mm:ss`.
    static func text(_ milliseconds: Int64) -> String {
        LocalDateTime(secondsSinceEpoch: milliseconds / 1000).description
    }

    /// The next `count` runs of `expression` after the UTC time `after`, in UTC, a rate anchored at `after`.
    static func runs(
        _ expression: String, after: String, count: Int = 3, in zone: some ScheduleTimeZone = UTCTimeZone()
    ) throws -> [String] {
        let start = try Self.utc(after)
        return try ScheduleExpression(parsing: expression).fireTimes(
            after: start, anchor: start, in: zone, count: count
        )
        .map(Self.text)
    }
}
