import LambdaEvents
public import LambdaRuntime
import Logging
public import Observability

/// The observability middleware: gives each invocation its Powertools logger (context keys, correlation id, trace id,
/// sampling, the event when configured), prints the `ColdStart` metric on the first invocation, and at the end
/// drops or (after an error) writes buffered lines and flushes the metrics.
public struct Observe<Event: Sendable & Encodable, Output: Sendable>: MiddlewareProtocol {
    /// The logger and metrics the middleware drives.
    public let observability: FunctionObservability
    private let correlationID: @Sendable (Event) -> String?

    /// Observes invocations of an event type that names no correlation id.
    public init(_ observability: FunctionObservability) {
        self.init(observability) { _ in nil }
    }

    /// Observes invocations whose lines carry `correlationID` of their event.
    public init(_ observability: FunctionObservability, correlationID: @escaping @Sendable (Event) -> String?) {
        self.observability = observability
        self.correlationID = correlationID
    }

    /// Gives the invocation its logger and records the cold start; never answers early.
    public func before(_ request: inout MiddlewareRequest<Event, Output>) async throws -> Output? {
        let correlationID = self.correlationID(request.event)
        let event = self.observability.logger.configuration.logsEvent ? (try? JSONValue(encoding: request.event)) : nil
        request.context.logger =
            self.observability.logger
            .startInvocation(request.context, correlationID: correlationID, event: event).logger
        if request.context.isColdStart {
            self.observability.metrics.captureColdStart(functionName: request.context.function.name)
        }
        return nil
    }

    /// Ends the invocation's logging (dropping buffered lines) and flushes the metrics.
    public func after(_ request: inout MiddlewareRequest<Event, Output>) async throws {
        PowertoolsLogger.endInvocation(of: request.context.logger, failed: false)
        self.flushMetrics(of: request)
    }

    /// Logs the error, writes the buffered lines and flushes the metrics; leaves the error to the other phases.
    public func onError(_ request: inout MiddlewareRequest<Event, Output>) async throws -> Output? {
        if let error = request.error {
            request.context.logger.error(
                "Invocation failed", metadata: ["error": .stringConvertible(ErrorDescription(error))])
        }
        PowertoolsLogger.endInvocation(of: request.context.logger, failed: true)
        self.flushMetrics(of: request)
        return nil
    }

    /// Prints the invocation's metrics with its request, correlation and trace ids, as the lines around them have
    /// (read once for both when the invocation's logger is still the one ``before(_:)`` gave it).
    private func flushMetrics(of request: MiddlewareRequest<Event, Output>) {
        self.observability.metrics.flush {
            let ids =
                PowertoolsLogger.invocationIDs(of: request.context.logger)
                ?? InvocationIDs(context: request.context, correlationID: self.correlationID(request.event))
            return ids.members
        }
    }
}

extension LambdaHandler where Event: Encodable {
    /// This handler with the observability stack (``Observe`` around a ``TracedHandler``), configured from
    /// `initialization`'s environment: the one line that makes a function observable.
    @inlinable  // built where the handler's type is known, as MiddlewareStack.init explains
    public func observed(_ initialization: LambdaInitializationContext) -> MiddlewareStack<TracedHandler<Self>> {
        self.observed(by: FunctionObservability(initialization))
    }

    /// This handler with the observability stack of `observability`, for a handler that records metrics of its own
    /// in `observability.metrics`.
    @inlinable
    public func observed(by observability: FunctionObservability) -> MiddlewareStack<TracedHandler<Self>> {
        MiddlewareStack(observability.traced(self)).use(Observe(observability))
    }
}

extension LambdaHandler where Event: Encodable & CorrelationIDCarrying {
    /// This handler with the observability stack, its lines carrying each event's correlation id.
    @inlinable
    public func observed(_ initialization: LambdaInitializationContext) -> MiddlewareStack<TracedHandler<Self>> {
        self.observed(by: FunctionObservability(initialization))
    }

    /// This handler with the observability stack of `observability`, its lines carrying each event's correlation id.
    @inlinable
    public func observed(by observability: FunctionObservability) -> MiddlewareStack<TracedHandler<Self>> {
        MiddlewareStack(observability.traced(self)).use(Observe(observability) { $0.correlationID })
    }
}
