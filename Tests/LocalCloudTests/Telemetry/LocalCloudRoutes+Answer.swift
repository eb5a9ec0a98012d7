import HTTPTypes
import Hummingbird
import LocalCloud
import Logging
import NIOCore
import Synchronization

/// A request context for routes answered in-process, without a connection.
struct InProcessRequestContext: RequestContext {
    struct Source: RequestContextSource {
        let logger: Logger
    }

    var coreContext: CoreRequestContextStorage

    init(source: Source) {
        self.coreContext = .init(source: source)
    }
}

extension LocalCloudRoutes {
    /// The answer of these routes to a request without a body, given as a ``GatewayRequest``: a `Host` header becomes
    /// the request's authority, as HTTP/1 servers read it.
    func answer(_ request: GatewayRequest) async throws -> GatewayResponse {
        var fields = HTTPFields()
        var authority: String?
        for field in request.headers {
            if field.name == .hostHeader {
                authority = field.value
            } else {
                fields.append(field)
            }
        }
        let path = request.rawQueryString.isEmpty ? request.path : "\(request.path)?\(request.rawQueryString)"
        let head = HTTPRequest(
            method: request.method, scheme: "http", authority: authority, path: path, headerFields: fields)
        let responder = self.router(context: InProcessRequestContext.self).buildResponder()
        let response = try await responder.respond(
            to: Request(head: head, body: RequestBody(buffer: ByteBuffer())),
            context: InProcessRequestContext(
                source: .init(logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }))
        )
        let body = CollectedBody()
        try await response.body.write(CollectingWriter(collected: body))
        return GatewayResponse(
            status: response.status,
            headers: response.headers,
            body: body.bytes.withLock { $0 }
        )
    }
}

extension TelemetryAPI {
    /// The answer of the local cloud's routes with this API to `request`.
    func answer(_ request: GatewayRequest) async throws -> GatewayResponse {
        try await LocalCloudRoutes(telemetryAPI: self).answer(request)
    }
}

/// The bytes a response body wrote.
final class CollectedBody: Sendable {
    let bytes = Mutex<[UInt8]>([])
}

struct CollectingWriter: ResponseBodyWriter {
    let collected: CollectedBody

    @concurrent mutating func write(_ buffer: ByteBuffer) async throws {
        self.collected.bytes.withLock { $0 += buffer.readableBytesView }
    }

    @concurrent consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
