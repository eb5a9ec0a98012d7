import Cloud
import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Gives the answer to a request that is not HTTP/1.1 the gateway's problem body. Hummingbird answers such a request
/// itself, with a bare `400` (no body, `Connection: close`), once the HTTP decoder has failed; this handler, placed
/// after the HTTP codec, sees the decoder's error on its way in and, when that bare `400` comes out, writes the
/// problem in its place: a `400` naming the parser's complaint, or the `431` of ``GatewayError/headersTooLarge(limitBytes:)``
/// when the head was over the decoder's own limit.
final class MalformedRequestProblemHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// The decoder's error, once it has failed: the connection answers nothing after it but the bare `400`.
    private var parseError: HTTPParserError?
    /// The problem's body, between the head written in place of the bare `400`'s and its end.
    private var problemBody: ByteBuffer?

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let error = error as? HTTPParserError { self.parseError = error }
        context.fireErrorCaught(error)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch self.unwrapOutboundIn(data) {
        case .head(let head) where self.parseError != nil && Self.isBareRefusal(head):
            let problem = self.problem()
            var fields = problem.headers
            fields[.connection] = "close"
            fields[.contentLength] = String(problem.body.count)
            self.problemBody = context.channel.allocator.buffer(bytes: problem.body)
            context.write(
                self.wrapOutboundOut(.head(HTTPResponse(status: problem.status, headerFields: fields))),
                promise: promise)
        case .end(let trailers) where self.problemBody != nil:
            if let body = self.problemBody { context.write(self.wrapOutboundOut(.body(body)), promise: nil) }
            self.problemBody = nil
            context.write(self.wrapOutboundOut(.end(trailers)), promise: promise)
        default:
            context.write(data, promise: promise)
        }
    }

    /// Hummingbird's answer to a parse error: `400` with no body; the gateway's own `400`s always carry one.
    private static func isBareRefusal(_ head: HTTPResponse) -> Bool {
        head.status == .badRequest && head.headerFields[.contentLength] == "0"
    }

    /// The problem for the decoder's error (only asked for once there is one).
    private func problem() -> GatewayResponse {
        let requestID = APIGateway.makeRequestID()
        if self.parseError == .headerOverflow {
            return GatewayResponse(
                GatewayError.headersTooLarge(limitBytes: APIGateway.maximumHeadBytes), requestID: requestID)
        }
        let complaint = self.parseError.map { String(describing: $0) } ?? "the request is not HTTP/1.1"
        return GatewayResponse(GatewayError.malformedRequest(complaint), requestID: requestID)
    }
}
