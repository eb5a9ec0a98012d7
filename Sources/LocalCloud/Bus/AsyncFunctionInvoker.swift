/// How the local bus invokes a function target: asynchronously, as EventBridge invokes Lambda (invocation type
/// `Event`). The local cloud's function host implements it; the bus retries and dead-letters by Lambda's rules.
public protocol AsyncFunctionInvoker: Sendable {
    /// Runs `function` on `payload`, continuing the trace of `traceHeader`, and tells how it went.
    func invokeAsync(function: String, payload: String, traceHeader: String?) async -> AsyncInvocationOutcome
}

/// How one asynchronous invocation went.
public enum AsyncInvocationOutcome: Sendable, Hashable {
    /// The function ran and returned.
    case succeeded
    /// The function ran and failed (an error it reported, a crash or a timeout); Lambda retries it.
    case functionError(message: String)
    /// There is no function of that name; nothing to retry.
    case functionNotFound
}
