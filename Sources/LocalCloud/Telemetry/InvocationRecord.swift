/// One invocation as the platform saw it: what CloudWatch's `AWS/Lambda` metrics count.
public struct InvocationRecord: Sendable, Equatable {
    public enum Outcome: String, Sendable {
        case success
        /// The function failed or timed out.
        case error
        /// Refused at the function's reserved concurrency.
        case throttle
    }

    public var timeMilliseconds: Int64
    public var function: String
    public var durationMicroseconds: Int64
    public var outcome: Outcome
    public var isColdStart: Bool

    public init(timeMilliseconds: Int64, function: String, durationMicroseconds: Int64, outcome: Outcome, isColdStart: Bool) {
        self.timeMilliseconds = timeMilliseconds
        self.function = function
        self.durationMicroseconds = durationMicroseconds
        self.outcome = outcome
        self.isColdStart = isColdStart
    }
}
