/// The moment by which an invocation must have answered, as the Runtime API states it in `Lambda-Runtime-Deadline-Ms`.
public struct LambdaDeadline: Sendable, Hashable, Comparable {
    /// Milliseconds since the Unix epoch.
    public let millisecondsSinceEpoch: Int64

    /// Creates the deadline at `millisecondsSinceEpoch`, milliseconds since the Unix epoch in UTC.
    public init(millisecondsSinceEpoch: Int64) {
        self.millisecondsSinceEpoch = millisecondsSinceEpoch
    }

    /// How far from now a deadline the Runtime API states may lie, either way: a day, far beyond Lambda's longest
    /// timeout (15 minutes), and near enough that no arithmetic on it overflows.
    static let plausibleDistance: Int64 = 86_400_000

    /// The deadline in a `Lambda-Runtime-Deadline-Ms` header, or `nil` when the header is not a whole number of
    /// milliseconds within ``plausibleDistance`` of `nowMilliseconds`.
    init?(header: String, nowMilliseconds: Int64) {
        guard let milliseconds = Int64(header),
            (nowMilliseconds - Self.plausibleDistance...nowMilliseconds + Self.plausibleDistance).contains(milliseconds)
        else { return nil }
        self.init(millisecondsSinceEpoch: milliseconds)
    }

    /// The deadline `duration` from now.
    public static func after(_ duration: Duration) -> LambdaDeadline {
        LambdaDeadline(millisecondsSinceEpoch: WallClock.nowMilliseconds() + duration.wholeMilliseconds)
    }

    /// The time left until the deadline; zero once it has passed. Any deadline can be asked, even one no Runtime
    /// API would state: the subtraction saturates instead of overflowing.
    public func remainingTime() -> Duration {
        let (remaining, overflow) = self.millisecondsSinceEpoch.subtractingReportingOverflow(
            WallClock.nowMilliseconds())
        return .milliseconds(overflow ? (self.millisecondsSinceEpoch < 0 ? 0 : Int64.max) : max(0, remaining))
    }

    /// Whether `lhs` comes before `rhs`.
    public static func < (lhs: LambdaDeadline, rhs: LambdaDeadline) -> Bool {
        lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch
    }
}
