public import LambdaRuntime

/// Invokes the function instances it holds, by name, and records each invocation as the gateway records its own
/// (``InvocationRecord``) when it has a recorder.
public struct FunctionInstanceInvoker: QueueConsumerInvoker {
    /// The `errorType` of an invocation of a function the invoker does not hold, as Lambda names it.
    public static let unknownFunctionErrorType = "ResourceNotFoundException"

    private let instances: [String: any FunctionInstance]
    private let recorder: TelemetryRecorder?
    private let nowMilliseconds: @Sendable () -> Int64

    /// An invoker of `instances`, by function name, recording into `recorder` if given; `nowMilliseconds` (since
    /// the Unix epoch) stamps the records.
    public init(
        instances: [String: any FunctionInstance],
        recorder: TelemetryRecorder? = nil,
        nowMilliseconds: @escaping @Sendable () -> Int64 = WallClock.nowMilliseconds
    ) {
        self.instances = instances
        self.recorder = recorder
        self.nowMilliseconds = nowMilliseconds
    }

    /// Invokes the instance of `function`, recording the invocation; a function the invoker does not hold fails with
    /// ``unknownFunctionErrorType``.
    public func invoke(_ function: String, with request: InvocationRequest) async -> InvocationResult {
        guard let instance = self.instances[function] else {
            let report = LambdaFunctionError(
                errorMessage: "Function not found: \(function)", errorType: Self.unknownFunctionErrorType)
            return InvocationResult(requestID: request.requestID, outcome: .error(report), duration: .zero)
        }
        let result = await instance.invoke(request)
        self.recorder?.record(
            InvocationRecord(
                timeMilliseconds: self.nowMilliseconds(), function: function,
                durationMicroseconds: result.duration.wholeMicroseconds,
                outcome: result.error == nil ? .success : .error, isColdStart: result.initDuration != nil
            ))
        return result
    }
}
