import Cloud

/// A calendar day in UTC, counted in days since 1970-01-01: the unit analytics counts events in.
struct AnalyticsDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01.
    let daysSinceEpoch: Int64

    init(daysSinceEpoch: Int64) {
        self.daysSinceEpoch = daysSinceEpoch
    }

    /// The day of `text`, which must be exactly `YYYY-MM-DD` and a real date; `nil` otherwise.
    init?(_ text: String) {
        let fields = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.utf8.count == 10, fields.map(\.utf8.count) == [4, 2, 2],
            fields.allSatisfy({ $0.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } }),
            let year = Int(fields[0]), let month = Int(fields[1]), let day = Int(fields[2])
        else { return nil }
        let date = LocalDateTime(year: year, month: month, day: day)
        guard date.isValid else { return nil }
        self.init(daysSinceEpoch: date.secondsSinceEpoch / 86_400)
    }

    /// The UTC day of an ISO 8601 time with a zone designator, with or without fractional seconds; `nil` when
    /// `time` is not one.
    init?(eventTime time: String) {
        guard let seconds = EventTime.secondsSinceEpoch(time) else { return nil }
        self.init(daysSinceEpoch: LocalDateTime.floorDivide(seconds, 86_400))
    }

    /// The day `count` days later.
    func adding(days count: Int64) -> AnalyticsDay {
        AnalyticsDay(daysSinceEpoch: self.daysSinceEpoch + count)
    }

    /// `YYYY-MM-DD`.
    var description: String {
        String(LocalDateTime(secondsSinceEpoch: self.daysSinceEpoch * 86_400).description.prefix(10))
    }

    static func < (left: AnalyticsDay, right: AnalyticsDay) -> Bool {
        left.daysSinceEpoch < right.daysSinceEpoch
    }
}
