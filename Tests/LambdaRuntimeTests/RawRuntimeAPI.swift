import Foundation
import NIOCore
import Synchronization

@testable import LambdaRuntime

/// A Runtime API on 127.0.0.1 that answers each request with scripted raw bytes, exactly as written: framing, header
/// case and connection handling that an HTTP library would normalise. Records each request and the connection it
/// came on. A request past the end of the script gets no answer, and its connection is closed.
final class RawRuntimeAPI: LoopbackRuntimeAPI {
    /// One scripted answer: the bytes of a whole response, and whether the server closes the connection after it.
    struct Answer: Sendable {
        var bytes: String
        var closesConnection = false
    }

    /// One request as it arrived: its head and body as text, and the number of the connection (from 1) it came on.
    struct Received: Sendable {
        var text: String
        var connection: Int
    }

    private struct State {
        var script: [Answer]
        var received: [Received] = []
        var connections = 0
        var closedConnections = 0
    }

    private let state: Mutex<State>
    let listener: Mutex<LoopbackListener?> = Mutex(nil)

    private init(script: [Answer]) {
        self.state = Mutex(State(script: script))
    }

    /// Listens on a free loopback port and answers with `script`.
    static func start(answering script: [Answer]) async throws -> RawRuntimeAPI {
        let api = RawRuntimeAPI(script: script)
        let listener = try await LoopbackListener.start { try $0.addHandler(RawRequestHandler(api: api)) }
        api.listener.withLock { $0 = listener }
        return api
    }

    /// Every request received so far, in order.
    var received: [Received] { self.state.withLock { $0.received } }

    /// How many connections have been closed, by either side.
    var closedConnections: Int { self.state.withLock { $0.closedConnections } }

    /// Counts a closed connection.
    fileprivate func disconnected() {
        self.state.withLock { $0.closedConnections += 1 }
    }

    /// Numbers a new connection.
    fileprivate func connected() -> Int {
        self.state.withLock { state in
            state.connections += 1
            return state.connections
        }
    }

    /// Records `request` and takes the next answer, if any.
    fileprivate func answer(_ request: Received) -> Answer? {
        self.state.withLock { state in
            state.received.append(request)
            return state.script.isEmpty ? nil : state.script.removeFirst()
        }
    }
}

/// Cuts whole requests (head, then as many body bytes as their `content-length` says) out of a connection's bytes
/// and writes the script's answers.
private final class RawRequestHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let api: RawRuntimeAPI
    private var connection = 0
    private var pending = ""

    init(api: RawRuntimeAPI) {
        self.api = api
    }

    func channelActive(context: ChannelHandlerContext) {
        self.connection = self.api.connected()
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.api.disconnected()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        self.pending += String(buffer: Self.unwrapInboundIn(data))
        while let request = self.takeRequest() {
            guard let answer = self.api.answer(.init(text: request, connection: self.connection)) else {
                context.close(promise: nil)
                return
            }
            context.writeAndFlush(Self.wrapOutboundOut(ByteBuffer(string: answer.bytes)), promise: nil)
            if answer.closesConnection {
                context.close(promise: nil)
                return
            }
        }
    }

    private func takeRequest() -> String? {
        guard let headEnd = self.pending.range(of: "\r\n\r\n") else { return nil }
        let head = self.pending[..<headEnd.lowerBound].lowercased()
        let length =
            head.split(separator: "\r\n")
            .first { $0.hasPrefix("content-length:") }
            .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
        let requestEnd = self.pending.utf8.index(
            headEnd.upperBound, offsetBy: length, limitedBy: self.pending.utf8.endIndex)
        guard let requestEnd else { return nil }
        let request = String(self.pending[..<requestEnd])
        self.pending = String(self.pending[requestEnd...])
        return request
    }
}
