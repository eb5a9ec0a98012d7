public import NIOCore

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Adapts a typed ``LambdaHandler`` to raw bytes: decodes the event from JSON and encodes the output as JSON.
public struct CodableLambdaHandler<Handler: LambdaHandler>: ByteBufferLambdaHandler {
    public let handler: Handler
    private let decoder = JSONDecoder()
    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    public init(_ handler: Handler) {
        self.handler = handler
    }

    public func handle(_ event: ByteBuffer, context: LambdaContext) async throws -> ByteBuffer {
        let decoded: Handler.Event
        do {
            decoded = try self.decoder.decode(Handler.Event.self, from: Data(event.readableBytesView))
        } catch {
            throw LambdaEventDecodingError(eventType: "\(Handler.Event.self)", underlying: error)
        }
        let output = try await self.handler.handle(decoded, context: context)
        return ByteBuffer(bytes: try self.encoder.encode(output))
    }
}

/// The event could not be decoded as the handler's event type.
public struct LambdaEventDecodingError: LambdaReportableError {
    public var eventType: String
    public var underlying: any Error

    public var errorType: String { "Runtime.EventDecodingError" }
    public var description: String { "The event is not a valid \(self.eventType): \(self.underlying)" }
}

extension LambdaHandler {
    /// This handler as a ``ByteBufferLambdaHandler`` that speaks JSON.
    public func eraseToByteBufferHandler() -> some ByteBufferLambdaHandler {
        CodableLambdaHandler(self)
    }
}
