/// One layer around a handler, with Middy's three phases.
///
/// `before` phases run in the order the middlewares were attached, then the handler, then `after` phases in reverse
/// order; when anything throws, `onError` phases run in reverse order. Every phase is optional.
public protocol MiddlewareProtocol<Event, Output>: Sendable {
    associatedtype Event: Sendable
    associatedtype Output: Sendable

    /// Runs before the handler. Returning a value answers early: it becomes the response, and the remaining `before`
    /// phases, the handler and every `after` and `onError` phase are skipped.
    func before(_ request: inout MiddlewareRequest<Event, Output>) async throws -> Output?

    /// Runs after the handler, and may change ``MiddlewareRequest/response``.
    func after(_ request: inout MiddlewareRequest<Event, Output>) async throws

    /// Runs when a `before` phase, the handler or an `after` phase threw ``MiddlewareRequest/error``. Setting
    /// ``MiddlewareRequest/response`` turns the error into that response while later `onError` phases still run;
    /// returning a value ends the chain with it.
    func onError(_ request: inout MiddlewareRequest<Event, Output>) async throws -> Output?
}

extension MiddlewareProtocol {
    /// Does nothing and lets the chain go on.
    public func before(_ request: inout MiddlewareRequest<Event, Output>) async throws -> Output? { nil }
    /// Does nothing.
    public func after(_ request: inout MiddlewareRequest<Event, Output>) async throws {}
    /// Does nothing and leaves the error to the other phases.
    public func onError(_ request: inout MiddlewareRequest<Event, Output>) async throws -> Output? { nil }
}
