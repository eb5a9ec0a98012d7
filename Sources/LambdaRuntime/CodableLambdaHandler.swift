import JSONCoding
public import LambdaEvents
public import NIOCore

/// Adapts a typed ``LambdaHandler`` to raw bytes: decodes the event from JSON and encodes the output as JSON; a
/// caller in the same process may hand it the event as a value instead.
///
/// An event type that is ``JSONValueDecodable`` is read from a parsed tree instead of through `JSONDecoder`; an output
/// type that is ``JSONBytesEncodable`` writes itself, any other is written by ``StreamingJSONEncoder``: each several
/// times cheaper than Foundation's coders.
public struct CodableLambdaHandler<Handler: LambdaHandler>: ValueLambdaHandler {
    /// The typed handler that does the work.
    public let handler: Handler
    /// Decodes an event, runs the handler and encodes its output: made where the handler's type is known (the
    /// initializers are inlinable), so that an invocation runs the handler's code specialised for its types, and the
    /// runtime never works out `Handler.Event` from its mangled name (a search of the binary's conformance records on
    /// every cold start).
    @usableFromInline let invokeWithJSON: @Sendable ([UInt8], LambdaContext) async throws -> [UInt8]
    /// Runs the handler with an event handed over as a value, `nil` when it is not an `Event`: made where the
    /// handler's type is known too, so the in-process path runs the same specialised code without the JSON.
    @usableFromInline let invokeWithValue: @Sendable (any Sendable, LambdaContext) async throws -> (any Sendable)?

    /// Wraps `handler` so the runtime can call it with raw bytes.
    public init(_ handler: Handler) {
        self.init(handler, decodeEvent: Self.eventDecoder(), encodeOutput: Self.outputEncoder())
    }

    /// Wraps `handler` whose event reads itself and whose output writes itself (an HTTP API handler's), chosen by the
    /// compiler where the types are known: the other initializer asks the runtime whether they conform, a search of
    /// the binary's conformance records for each on every cold start.
    @inlinable
    public init(_ handler: Handler) where Handler.Event: JSONValueDecodable, Handler.Output: JSONBytesEncodable {
        self.init(
            handler,
            decodeEvent: { bytes in try Handler.Event(jsonBytes: bytes) },
            encodeOutput: { output in output.jsonBytes })
    }

    @inlinable
    init(
        _ handler: Handler, decodeEvent: @escaping @Sendable ([UInt8]) throws -> Handler.Event,
        encodeOutput: @escaping @Sendable (Handler.Output) throws -> [UInt8]
    ) {
        self.handler = handler
        self.invokeWithJSON = { bytes, context in
            let event: Handler.Event
            do {
                event = try decodeEvent(bytes)
            } catch {
                throw Self.undecodableEvent(error)
            }
            return try encodeOutput(try await handler.handle(event, context: context))
        }
        self.invokeWithValue = { value, context in
            guard let event = value as? Handler.Event else { return nil }
            return try await handler.handle(event, context: context)
        }
    }

    /// The error for an event that `Event` could not be decoded from.
    @usableFromInline
    static func undecodableEvent(_ error: any Error) -> LambdaRuntimeError {
        LambdaRuntimeError(.undecodableEvent, "The event is not a valid \(Handler.Event.self): \(error)")
    }

    /// How the event type is read: from a parsed tree when it can read itself from one, else by ``JSONValueDecoder``.
    private static func eventDecoder() -> @Sendable ([UInt8]) throws -> Handler.Event {
        if let readable = Handler.Event.self as? any JSONValueDecodable.Type {
            return { bytes in try readable.init(jsonBytes: bytes) as! Handler.Event }
        }
        let decoder = JSONValueDecoder()
        return { bytes in try decoder.decode(Handler.Event.self, from: bytes) }
    }

    /// How the output is written: by itself when it can write its own JSON, else by ``StreamingJSONEncoder``.
    private static func outputEncoder() -> @Sendable (Handler.Output) throws -> [UInt8] {
        if Handler.Output.self is any JSONBytesEncodable.Type {
            return { output in (output as! any JSONBytesEncodable).jsonBytes }
        }
        let encoder = StreamingJSONEncoder()
        return { output in try encoder.encode(output) }
    }

    /// Decodes `event` as the handler's `Event`, runs the handler and returns its output as JSON.
    ///
    /// - Throws: ``LambdaRuntimeError/Code/undecodableEvent`` when `event` is not valid JSON for `Event`; whatever the
    ///   handler throws; an `EncodingError` when its output cannot be encoded.
    public func handle(_ event: ByteBuffer, context: LambdaContext) async throws -> ByteBuffer {
        ByteBuffer(bytes: try await self.invokeWithJSON(Array(event.readableBytesView), context))
    }

    /// Runs the handler with `event` directly when it is the handler's `Event`, returning its output as a value.
    ///
    /// - Returns: `nil` when `event` is of another type, so the caller falls back to JSON.
    /// - Throws: whatever the handler throws.
    public func handle(value event: any Sendable, context: LambdaContext) async throws -> (any Sendable)? {
        try await self.invokeWithValue(event, context)
    }
}
