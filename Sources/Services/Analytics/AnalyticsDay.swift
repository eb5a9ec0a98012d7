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
        // `YYYY-MM-DDTHH:MM:SS`, then optional fractional seconds, then `Z` or `±HH:MM`.
        let bytes = Array(time.utf8)
        guard bytes.count >= 20, bytes.count <= 64 else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        let separators: [(Int, Character)] = [(4, "-"), (7, "-"), (10, "T"), (13, ":"), (16, ":")]
        guard separators.allSatisfy({ bytes[$0.0] == $0.1.asciiValue }),
            let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
            hour < 24, minute < 60, second < 61
        else { return nil }
        let local = LocalDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard LocalDateTime(year: year, month: month, day: day).isValid else { return nil }
        var rest = bytes[19...]
        if rest.first == UInt8(ascii: ".") {
            rest = rest.dropFirst()
            let digits = rest.prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
            guard !digits.isEmpty else { return nil }
            rest = rest.dropFirst(digits.count)
        }
        var offsetSeconds: Int64 = 0
        if rest.elementsEqual("Z".utf8) {
            offsetSeconds = 0
        } else {
            let zone = Array(rest)
            guard zone.count == 6, zone[0] == UInt8(ascii: "+") || zone[0] == UInt8(ascii: "-"),
                zone[3] == UInt8(ascii: ":"),
                let hours = Int(String(decoding: zone[1..<3], as: UTF8.self)),
                let minutes = Int(String(decoding: zone[4..<6], as: UTF8.self)), hours < 24, minutes < 60
            else { return nil }
            offsetSeconds = Int64(hours * 3600 + minutes * 60) * (zone[0] == UInt8(ascii: "-") ? -1 : 1)
        }
        self.init(daysSinceEpoch: LocalDateTime.floorDivide(local.secondsSinceEpoch - offsetSeconds, 86_400))
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
