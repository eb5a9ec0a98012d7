public import LambdaRuntime

/// What came of one invocation, with the figures Lambda puts on its `REPORT` line.
public struct InvocationResult: Sendable {
    /// The request ID of the invocation.
    public var requestID: String
    /// The response bytes, or the error as Lambda reports it.
    public var outcome: InvocationOutcome
    /// From the moment the function received the event to its answer.
    public var duration: Duration
    /// The initialisation that preceded this invocation, when it was a cold start.
    public var initDuration: Duration?
    /// Creates a result.
    public init(requestID: String, outcome: InvocationOutcome, duration: Duration, initDuration: Duration? = nil) {
        self.requestID = requestID
        self.outcome = outcome
        self.duration = duration
        self.initDuration = initDuration
    }

    /// The error Lambda reports for this invocation, or `nil` when it succeeded.
    public var error: LambdaFunctionError? {
        if case .error(let report) = self.outcome { return report }
        return nil
    }

    /// Lambda's `REPORT` line for this invocation; `peakMemoryBytes` is the instance's peak resident memory
    /// (``FunctionInstance/peakMemoryBytes``), when it could be read.
    public func reportLine(memorySizeMB: Int, peakMemoryBytes: Int? = nil) -> String {
        let billedMilliseconds = (self.duration + (self.initDuration ?? .zero)).inMilliseconds.rounded(.up)
        var fields = [
            "REPORT RequestId: \(self.requestID)",
            "Duration: \(self.duration.inMilliseconds.formattedWithTwoDecimals) ms",
            "Billed Duration: \(Int(billedMilliseconds)) ms",
            "Memory Size: \(memorySizeMB) MB",
        ]
        if let peakMemoryBytes {
            fields.append("Max Memory Used: \((peakMemoryBytes + 1_048_575) / 1_048_576) MB")
        }
        if let initDuration {
            fields.append("Init Duration: \(initDuration.inMilliseconds.formattedWithTwoDecimals) ms")
        }
        if let error, error.errorType == LambdaFunctionError.timeoutErrorType {
            fields.append("Status: timeout")
        } else if let error {
            fields.append("Status: error\tError Type: \(error.errorType)")
        }
        return fields.joined(separator: "\t")
    }
}
