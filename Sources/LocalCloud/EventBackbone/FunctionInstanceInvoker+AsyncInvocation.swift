import LambdaRuntime
import NIOCore

extension FunctionInstanceInvoker: AsyncFunctionInvoker {
    /// Invokes `function` with the event `payload` as Lambda's asynchronous invocation hands it over, continuing the
    /// trace of `traceHeader`; a function error or a missing function is reported for the bus's retry policy.
    public func invokeAsync(function: String, payload: String, traceHeader: String?) async -> AsyncInvocationOutcome {
        let result = await self.invoke(
            function, with: InvocationRequest(event: ByteBuffer(string: payload), traceID: traceHeader))
        guard let error = result.error else { return .succeeded }
        if error.errorType == Self.unknownFunctionErrorType { return .functionNotFound }
        return .functionError(message: error.errorMessage)
    }
}
