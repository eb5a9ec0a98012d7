public import LambdaRuntime

/// What the phases of a middleware stack share for one invocation.
public struct MiddlewareRequest<Event: Sendable, Output: Sendable>: Sendable {
    /// The event; a `before` phase may replace it, e.g. with a normalised one.
    public var event: Event
    /// The invocation's context; a phase may add logger metadata.
    public var context: LambdaContext
    /// The response, once the handler or a phase produced one.
    public var response: Output?
    /// The error being handled, during `onError` phases.
    public var error: (any Error)?

    /// Starts an invocation's request with its event and context, no response and no error.
    @inlinable
    public init(event: Event, context: LambdaContext) {
        self.event = event
        self.context = context
    }
}
