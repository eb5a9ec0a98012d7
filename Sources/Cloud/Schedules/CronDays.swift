/// The days of a month a cron expression runs on, from its day-of-month and day-of-week fields, exactly one of
/// which is `?`.
enum CronDays: Sendable, Hashable {
    /// Listed days of the month (`*`, `1,15`, `1-10`, `1/5`).
    case daysOfMonth([Int])
    /// `L` in day-of-month: the month's last day.
    case lastDayOfMonth
    /// `LW`: the month's last weekday (Monday to Friday).
    case lastWeekdayOfMonth
    /// `15W`: the weekday nearest the given day, never leaving the month.
    case weekdayNearest(Int)
    /// Listed days of the week, 1 = Sunday to 7 = Saturday (`MON-FRI`, `1,7`, `L` = Saturday).
    case daysOfWeek([Int])
    /// `5L` in day-of-week: the month's last such day of the week (here the last Thursday).
    case lastWeekdayNamed(Int)
    /// `3#2`: the nth such day of the week in the month (here the second Tuesday); no day in a month without it.
    case nthWeekday(Int, Int)

    /// Reads the two day fields.
    init(dayOfMonth: Substring, dayOfWeek: Substring) throws(CronSyntaxError) {
        switch (dayOfMonth == "?", dayOfWeek == "?") {
        case (true, true):
            throw CronSyntaxError("day-of-month and day-of-week cannot both be '?'")
        case (false, false):
            throw CronSyntaxError("one of day-of-month and day-of-week must be '?'")
        case (false, true):
            self = try Self.parseDayOfMonth(dayOfMonth)
        case (true, false):
            self = try Self.parseDayOfWeek(dayOfWeek)
        }
    }

    /// The days of `month` in `year` this rule picks, ascending.
    func days(year: Int, month: Int) -> [Int] {
        let length = LocalDateTime.daysInMonth(year: year, month: month)
        let weekdayOf = { (day: Int) in LocalDateTime.weekday(year: year, month: month, day: day) }
        switch self {
        case .daysOfMonth(let days):
            return days.filter { $0 <= length }
        case .lastDayOfMonth:
            return [length]
        case .lastWeekdayOfMonth:
            switch weekdayOf(length) {
            case 7: return [length - 1]
            case 1: return [length - 2]
            default: return [length]
            }
        case .weekdayNearest(let day):
            guard day <= length else { return [] }
            switch weekdayOf(day) {
            case 7: return [day == 1 ? day + 2 : day - 1]
            case 1: return [day == length ? day - 2 : day + 1]
            default: return [day]
            }
        case .daysOfWeek(let weekdays):
            return (1...length).filter { weekdays.contains(weekdayOf($0)) }
        case .lastWeekdayNamed(let weekday):
            return [length - (weekdayOf(length) - weekday + 7) % 7]
        case .nthWeekday(let weekday, let nth):
            let day = 1 + (weekday - weekdayOf(1) + 7) % 7 + 7 * (nth - 1)
            return day <= length ? [day] : []
        }
    }

    private static func parseDayOfMonth(_ text: Substring) throws(CronSyntaxError) -> CronDays {
        switch text.uppercased() {
        case "L": return .lastDayOfMonth
        case "LW": return .lastWeekdayOfMonth
        case let upper where upper.hasSuffix("W"):
            return .weekdayNearest(try CronField.dayOfMonth.value(text.dropLast()))
        default:
            guard !text.contains(where: { "LWlw".contains($0) }) else {
                throw CronSyntaxError("'L' and 'W' stand alone in day-of-month ('L', 'LW', '15W')")
            }
            return .daysOfMonth(try CronField.dayOfMonth.values(text))
        }
    }

    private static func parseDayOfWeek(_ text: Substring) throws(CronSyntaxError) -> CronDays {
        let field = CronField.dayOfWeek
        if text.uppercased() == "L" { return .daysOfWeek([7]) }
        if text.contains("#") {
            let parts = text.split(separator: "#", omittingEmptySubsequences: false)
            guard parts.count == 2, let nth = Int(parts[1]), parts[1].count == 1, (1...5).contains(nth) else {
                throw CronSyntaxError("'#' takes one day of the week and an occurrence from 1 to 5, e.g. '3#2'")
            }
            return .nthWeekday(try field.value(parts[0]), nth)
        }
        if text.count > 1, text.uppercased().hasSuffix("L") {
            return .lastWeekdayNamed(try field.value(text.dropLast()))
        }
        return .daysOfWeek(try field.values(text))
    }
}
