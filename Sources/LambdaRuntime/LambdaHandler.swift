public import NIOCore

/// A handler that takes the raw event bytes and returns the raw response bytes.
///
/// Every other handler is adapted to this one. A handler value is built once per container, at the cold start,
/// and then serves every invocation, possibly several at once (Lambda Managed Instances), so it must be `Sendable`.
public protocol ByteBufferLambdaHandler: Sendable {
    func handle(_ event: ByteBuffer, context: LambdaContext) async throws -> ByteBuffer
}

/// A handler that takes a JSON event decoded as `Event` and returns a result encoded as JSON.
public protocol LambdaHandler: Sendable {
    associatedtype Event: Decodable & Sendable
    associatedtype Output: Encodable & Sendable

    func handle(_ event: Event, context: LambdaContext) async throws -> Output
}
