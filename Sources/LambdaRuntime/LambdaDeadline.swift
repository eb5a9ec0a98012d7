/// The moment by which an invocation must have answered, as the Runtime API states it in `Lambda-Runtime-Deadline-Ms`.
public struct LambdaDeadline: Sendable, Hashable, Comparable {
    /// Milliseconds since the Unix epoch.
    public let millisecondsSinceEpoch: Int64

    public init(millisecondsSinceEpoch: Int64) {
        self.millisecondsSinceEpoch = millisecondsSinceEpoch
    }

    /// The deadline `duration` from now.
    public static func after(_ duration: Duration) -> LambdaDeadline {
        LambdaDeadline(millisecondsSinceEpoch: WallClock.nowMilliseconds() + duration.wholeMilliseconds)
    }

    /// The time left until the deadline; zero once it has passed.
    public func remainingTime() -> Duration {
        .milliseconds(max(0, self.millisecondsSinceEpoch - WallClock.nowMilliseconds()))
    }

    public static func < (lhs: LambdaDeadline, rhs: LambdaDeadline) -> Bool {
        lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch
    }
}
