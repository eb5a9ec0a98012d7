import JSONCoding
public import LambdaRuntime

/// Any handler made idempotent: the key comes from the part of the event that `key` picks (an SQS message id, an
/// EventBridge event id, a field of the payload), the payload fingerprint from the whole event. An event without a
/// key is handled as usual, as in Powertools.
///
/// ```swift
/// let handler = IdempotentHandler(ChargeHandler(), idempotency: idempotency) { event in event.paymentId }
/// ```
public struct IdempotentHandler<Handler: LambdaHandler>: LambdaHandler
where Handler.Event: Encodable, Handler.Output: Codable {
    /// The wrapped handler's event type.
    public typealias Event = Handler.Event
    /// The wrapped handler's output type, stored in the record and returned to repeats.
    public typealias Output = Handler.Output

    /// The handler that does the work once per key.
    public let handler: Handler
    /// The record store and settings used for every key.
    public let idempotency: Idempotency
    private let key: @Sendable (Event) -> String?

    /// Makes `handler` idempotent, keyed by what `key` picks from the event; `nil` from `key` skips idempotency.
    public init(_ handler: Handler, idempotency: Idempotency, key: @escaping @Sendable (Event) -> String?) {
        self.handler = handler
        self.idempotency = idempotency
        self.key = key
    }

    /// Runs the handler once per key and answers repeats with the stored output.
    ///
    /// - Throws: an ``IdempotencyError`` when the key is in progress, its payload differs or the store fails;
    ///   whatever the handler throws; an `EncodingError` when the event cannot be encoded.
    public func handle(_ event: Event, context: LambdaContext) async throws -> Output {
        guard let key = self.key(event) else {
            return try await self.handler.handle(event, context: context)
        }
        let payload = try StreamingJSONEncoder().encode(event)
        return try await self.idempotency.execute(key: key, payload: payload, context: context) {
            try await self.handler.handle(event, context: context)
        }
    }
}
