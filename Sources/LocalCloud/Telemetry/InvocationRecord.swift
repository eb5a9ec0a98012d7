/// One invocation as the platform saw it: what CloudWatch's `AWS/Lambda` metrics count.
public struct InvocationRecord: Sendable, Equatable {
    /// How an invocation ended.
    public enum Outcome: String, Sendable {
        case success
        /// The function failed or timed out.
        case error
        /// Refused at the function's reserved concurrency.
        case throttle
    }

    /// When the invocation ended, in milliseconds since the Unix epoch.
    public var timeMilliseconds: Int64
    /// The function's name.
    public var function: String
    /// How long the invocation ran, in microseconds.
    public var durationMicroseconds: Int64
    /// Whether it succeeded, failed or was throttled.
    public var outcome: Outcome
    /// Whether the invocation included the function's initialisation.
    public var isColdStart: Bool

    /// Creates a record; the time is in milliseconds since the Unix epoch, the duration in microseconds.
    public init(
        timeMilliseconds: Int64, function: String, durationMicroseconds: Int64, outcome: Outcome, isColdStart: Bool
    ) {
        self.timeMilliseconds = timeMilliseconds
        self.function = function
        self.durationMicroseconds = durationMicroseconds
        self.outcome = outcome
        self.isColdStart = isColdStart
    }
}
