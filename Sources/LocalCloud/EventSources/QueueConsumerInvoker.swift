/// How a queue poller invokes the function of its mapping. The local cloud implements it over its function
/// instances (``FunctionInstanceInvoker``); whatever wraps the instances (concurrency limits, invocation records)
/// wraps this.
public protocol QueueConsumerInvoker: Sendable {
    /// Invokes the function named `function` with `request` and waits for the outcome, which is never a thrown
    /// error: an unknown function, a function error or a timeout is the result's error, as Lambda reports it.
    func invoke(_ function: String, with request: InvocationRequest) async -> InvocationResult
}
