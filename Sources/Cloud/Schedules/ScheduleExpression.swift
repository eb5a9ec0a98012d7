/// When a schedule runs, as EventBridge Scheduler writes it: `rate(5 minutes)`, `cron(0 2 * * ? *)` or
/// `at(2026-12-24T18:00:00)`. Cron and `at` expressions are read in the schedule's time zone.
public enum ScheduleExpression: Sendable, Hashable, CustomStringConvertible {
    /// Every interval, from the schedule's start (on Scheduler, from its creation when it has no start date).
    case rate(RateInterval)
    /// At the times the cron fields name.
    case cron(CronExpression)
    /// Once, at this wall-clock time.
    case at(LocalDateTime)

    /// The longest expression Scheduler accepts.
    public static let maximumLength = 256

    /// Parses an expression, refusing what Scheduler refuses with the error it gives.
    public init(parsing text: String) throws(ScheduleExpressionError) {
        guard text.utf8.count <= Self.maximumLength else {
            throw ScheduleExpressionError(
                .unknownForm, text, reason: "an expression is at most \(Self.maximumLength) characters")
        }
        guard text.hasSuffix(")"), let open = text.firstIndex(of: "(") else {
            throw ScheduleExpressionError(.unknownForm, text, reason: "expected rate(...), cron(...) or at(...)")
        }
        let inside = text[text.index(after: open)..<text.index(before: text.endIndex)]
        switch text[..<open] {
        case "rate": self = .rate(try RateInterval(parsing: inside, expression: text))
        case "cron": self = .cron(try CronExpression(fields: String(inside)))
        case "at": self = .at(try Self.parseAt(inside, expression: text))
        default:
            throw ScheduleExpressionError(.unknownForm, text, reason: "expected rate(...), cron(...) or at(...)")
        }
    }

    /// The expression as written.
    public var description: String {
        switch self {
        case .rate(let interval): "rate(\(interval))"
        case .cron(let cron): cron.description
        case .at(let time): "at(\(time))"
        }
    }

    /// The first run after `utcMilliseconds` (exclusive), in milliseconds since the Unix epoch, or `nil` when there
    /// is none: a rate runs at `anchorMilliseconds` and every interval from it, a cron expression and an `at` time in
    /// `zone` (an `at` time the clocks skip never runs).
    public func fireTime(after utcMilliseconds: Int64, anchor anchorMilliseconds: Int64, in zone: some ScheduleTimeZone)
        -> Int64?
    {
        switch self {
        case .rate(let interval):
            guard utcMilliseconds >= anchorMilliseconds else { return anchorMilliseconds }
            let elapsed = (utcMilliseconds - anchorMilliseconds) / interval.milliseconds + 1
            return anchorMilliseconds + elapsed * interval.milliseconds
        case .cron(let cron):
            return cron.nextFireTime(after: utcMilliseconds, in: zone)
        case .at(let time):
            guard let instant = zone.firstInstant(of: time), instant * 1000 > utcMilliseconds else { return nil }
            return instant * 1000
        }
    }

    /// Up to `count` runs after `utcMilliseconds`, in order (see ``fireTime(after:anchor:in:)``).
    public func fireTimes(
        after utcMilliseconds: Int64, anchor anchorMilliseconds: Int64, in zone: some ScheduleTimeZone, count: Int
    ) -> [Int64] {
        var times: [Int64] = []
        var after = utcMilliseconds
        while times.count < count, let next = self.fireTime(after: after, anchor: anchorMilliseconds, in: zone) {
            times.append(next)
            after = next
        }
        return times
    }

    /// Reads `yyyy-mm-ddThh:mm:ss`.
    private static func parseAt(_ text: Substring, expression: String) throws(ScheduleExpressionError)
        -> LocalDateTime
    {
        let invalid = ScheduleExpressionError(
            .invalidAt, expression, reason: "expected a valid date and time as yyyy-mm-ddThh:mm:ss")
        let bytes = Array(text.utf8)
        let separators: [Int: UInt8] = [
            4: UInt8(ascii: "-"), 7: UInt8(ascii: "-"), 10: UInt8(ascii: "T"),
            13: UInt8(ascii: ":"), 16: UInt8(ascii: ":"),
        ]
        guard bytes.count == 19 else { throw invalid }
        for (index, byte) in bytes.enumerated() {
            if let separator = separators[index] {
                guard byte == separator else { throw invalid }
            } else {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { throw invalid }
            }
        }
        func number(_ from: Int, _ length: Int) -> Int {
            bytes[from..<from + length].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        }
        let time = LocalDateTime(
            year: number(0, 4), month: number(5, 2), day: number(8, 2),
            hour: number(11, 2), minute: number(14, 2), second: number(17, 2))
        guard time.isValid, CronField.year.range.contains(time.year) else { throw invalid }
        return time
    }
}
