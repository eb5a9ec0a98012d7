/// A handler that callers in the same process may hand an event as a value, skipping the JSON encoding and decoding
/// the Runtime API needs: the local gateway already holds the HTTP API event as a value.
///
/// The event types' JSON round trip is tested on its own (`LambdaEventsTests`), so a value handed over directly is
/// the value the handler would have decoded.
public protocol ValueLambdaHandler: ByteBufferLambdaHandler {
    /// The output for `event` when `event` is of the handler's event type; `nil` when it is not, and the caller has
    /// to go through bytes.
    func handle(value event: any Sendable, context: LambdaContext) async throws -> (any Sendable)?
}
