public import LambdaRuntime

/// A handler wrapped in middlewares, run in Middy's order; itself a ``LambdaHandler``.
///
/// ```swift
/// let handler = MiddlewareStack(OrdersAPI())
///     .use(CorrelationIDs())
///     .use(ErrorResponses())
/// ```
public struct MiddlewareStack<Handler: LambdaHandler>: LambdaHandler {
    /// The wrapped handler's event type.
    public typealias Event = Handler.Event
    /// The wrapped handler's output type.
    public typealias Output = Handler.Output

    /// The handler at the centre of the stack.
    public let handler: Handler
    /// The attached middlewares, in the order of ``use(_:)``.
    public private(set) var middlewares: [any MiddlewareProtocol<Event, Output>] = []

    /// A stack around `handler` with no middleware yet.
    ///
    /// Inlinable, so that it is built with the handler's types known: otherwise the runtime works out the type of
    /// ``middlewares`` from `Handler.Event`'s mangled name, a search of the binary's conformance records on every
    /// cold start of a Lambda function.
    @inlinable
    public init(_ handler: Handler) {
        self.handler = handler
    }

    /// Attaches a middleware; its `before` phase runs after those attached earlier, its `after` and `onError`
    /// phases before theirs.
    public func use(_ middleware: some MiddlewareProtocol<Event, Output>) -> MiddlewareStack {
        var copy = self
        copy.middlewares.append(middleware)
        return copy
    }

    /// Runs the `before` phases, the handler and the `after` phases, or the `onError` phases when something threw.
    ///
    /// - Throws: the error when no `onError` phase turned it into a response; ``MiddlewareStackError/noResponse``
    ///   when the chain ended with neither.
    @inlinable  // specialised for the handler in the function's module: no generic metadata looked up per invocation
    public func handle(_ event: Event, context: LambdaContext) async throws -> Output {
        var request = MiddlewareRequest<Event, Output>(event: event, context: context)
        do {
            for middleware in self.middlewares {
                if let early = try await middleware.before(&request) {
                    return early
                }
            }
            request.response = try await self.handler.handle(request.event, context: request.context)
            for middleware in self.middlewares.reversed() {
                try await middleware.after(&request)
            }
        } catch {
            request.error = error
            request.response = nil
            for middleware in self.middlewares.reversed() {
                if let early = try await middleware.onError(&request) {
                    return early
                }
            }
        }
        guard let response = request.response else {
            throw request.error ?? MiddlewareStackError.noResponse
        }
        return response
    }
}

/// The stack finished without a response and without an error to report.
public enum MiddlewareStackError: Error, Sendable {
    case noResponse
}
