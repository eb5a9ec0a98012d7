/// A date and a time of day as a wall clock shows them, in no particular time zone: what cron fields and `at(...)`
/// expressions speak of. Proleptic Gregorian calendar, whole seconds.
public struct LocalDateTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The year, e.g. `2026`.
    public var year: Int
    /// The month, 1 (January) to 12.
    public var month: Int
    /// The day of the month, 1 to 31.
    public var day: Int
    /// The hour, 0 to 23.
    public var hour: Int
    /// The minute, 0 to 59.
    public var minute: Int
    /// The second, 0 to 59.
    public var second: Int

    /// A date and time; the caller keeps the fields in their ranges (``isValid`` tells).
    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// The wall-clock reading `seconds` after 1970-01-01T00:00:00 on the same clock.
    public init(secondsSinceEpoch seconds: Int64) {
        let days = Self.floorDivide(seconds, 86_400)
        let secondOfDay = Int(seconds - days * 86_400)
        let date = Self.civilDate(daysSinceEpoch: days)
        self.init(
            year: date.year, month: date.month, day: date.day,
            hour: secondOfDay / 3600, minute: secondOfDay / 60 % 60, second: secondOfDay % 60)
    }

    /// Seconds since 1970-01-01T00:00:00 on the same wall clock (as if the clock were UTC).
    public var secondsSinceEpoch: Int64 {
        Self.daysSinceEpoch(year: self.year, month: self.month, day: self.day) * 86_400
            + Int64(self.hour * 3600 + self.minute * 60 + self.second)
    }

    /// Whether every field is in its range and the day exists in its month.
    public var isValid: Bool {
        (1...12).contains(self.month) && (1...Self.daysInMonth(year: self.year, month: self.month)).contains(self.day)
            && (0...23).contains(self.hour) && (0...59).contains(self.minute) && (0...59).contains(self.second)
    }

    /// ISO 8601 without a zone, e.g. `2026-12-24T18:00:00`.
    public var description: String {
        "\(Self.padded(self.year, 4))-\(Self.padded(self.month, 2))-\(Self.padded(self.day, 2))T"
            + "\(Self.padded(self.hour, 2)):\(Self.padded(self.minute, 2)):\(Self.padded(self.second, 2))"
    }

    /// Whether `left` comes before `right` on the same wall clock.
    public static func < (left: LocalDateTime, right: LocalDateTime) -> Bool {
        (left.year, left.month, left.day, left.hour, left.minute, left.second)
            < (right.year, right.month, right.day, right.hour, right.minute, right.second)
    }

    /// The number of days in `month` of `year`: 28 to 31.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: Self.isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Whether `year` has a 29 February.
    public static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// The day of the week, numbered as cron's day-of-week field numbers it: 1 = Sunday through 7 = Saturday.
    public static func weekday(year: Int, month: Int, day: Int) -> Int {
        // 1970-01-01 was a Thursday (5).
        let days = Self.daysSinceEpoch(year: year, month: month, day: day)
        return Int((days % 7 + 7 + 4) % 7) + 1
    }

    /// Days from 1970-01-01 to the given date (negative before it), by the usual era arithmetic on a calendar
    /// whose years begin in March, which puts the leap day last.
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int64 {
        let marchYear = Int64(month <= 2 ? year - 1 : year)
        let era = Self.floorDivide(marchYear, 400)
        let yearOfEra = marchYear - era * 400
        let marchMonth = Int64(month > 2 ? month - 3 : month + 9)
        let dayOfYear = (153 * marchMonth + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `days` days after 1970-01-01: the inverse of ``daysSinceEpoch(year:month:day:)``.
    static func civilDate(daysSinceEpoch days: Int64) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = Self.floorDivide(shifted, 146_097)
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let marchMonth = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * marchMonth + 2) / 5 + 1)
        let month = Int(marchMonth < 10 ? marchMonth + 3 : marchMonth - 9)
        let year = Int(yearOfEra + era * 400) + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    /// `dividend / divisor` rounded towards minus infinity (`divisor` > 0).
    package static func floorDivide(_ dividend: Int64, _ divisor: Int64) -> Int64 {
        dividend >= 0 ? dividend / divisor : -((-dividend + divisor - 1) / divisor)
    }

    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
