import NIOCore
import NIOHTTP1
import Synchronization

@testable import LambdaRuntime

/// A Runtime API that answers from a script, in order, and records every request it received: Lambda's side of the
/// protocol, controlled by the test to the byte. A request past the end of the script is answered 500.
final class ScriptedRuntimeAPI: LoopbackRuntimeAPI {
    /// One scripted answer.
    struct Answer: Sendable {
        var status: HTTPResponseStatus
        var headers: [(String, String)] = []
        var body = ""
    }

    /// One request as it arrived.
    struct Received: Sendable {
        var method: HTTPMethod
        var uri: String
        var headers: HTTPHeaders
        var body: String
    }

    private let state: Mutex<(script: [Answer], received: [Received])>
    let listener: Mutex<LoopbackListener?> = Mutex(nil)

    private init(script: [Answer]) {
        self.state = Mutex((script, []))
    }

    /// Listens on a free loopback port and answers with `script`.
    static func start(answering script: [Answer]) async throws -> ScriptedRuntimeAPI {
        let api = ScriptedRuntimeAPI(script: script)
        let listener = try await LoopbackListener.start { pipeline in
            try pipeline.configureHTTPServerPipeline()
            try pipeline.addHandlers(NIOHTTPServerRequestAggregator(maxContentLength: 1 << 20), ScriptHandler(api: api))
        }
        api.listener.withLock { $0 = listener }
        return api
    }

    /// Every request received so far, in order.
    var received: [Received] { self.state.withLock { $0.received } }

    /// Records `request` and takes the next answer.
    fileprivate func answer(_ request: Received) -> Answer {
        self.state.withLock { state in
            state.received.append(request)
            guard !state.script.isEmpty else {
                return Answer(status: .internalServerError, body: "the script has ended")
            }
            return state.script.removeFirst()
        }
    }
}

/// Answers each whole request with the script's next answer.
private final class ScriptHandler: ChannelInboundHandler {
    typealias InboundIn = NIOHTTPServerRequestFull
    typealias OutboundOut = HTTPServerResponsePart

    let api: ScriptedRuntimeAPI

    init(api: ScriptedRuntimeAPI) {
        self.api = api
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let request = Self.unwrapInboundIn(data)
        let answer = self.api.answer(
            ScriptedRuntimeAPI.Received(
                method: request.head.method, uri: request.head.uri, headers: request.head.headers,
                body: request.body.map { String(buffer: $0) } ?? ""
            ))
        var headers = HTTPHeaders(answer.headers)
        headers.add(name: "content-length", value: String(answer.body.utf8.count))
        context.write(
            Self.wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: answer.status, headers: headers))),
            promise: nil)
        context.write(Self.wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: answer.body)))), promise: nil)
        context.writeAndFlush(Self.wrapOutboundOut(.end(nil)), promise: nil)
    }
}
