import LambdaRuntime
import NIOCore
import NIOHTTP1

/// One runtime's HTTP/1.1 connection to the emulator: collects each request (its body bounded by Lambda's response
/// limit, though every byte is counted) and hands it to the emulator, which answers on the connection. A request
/// that is not valid HTTP/1.1 gets `400 Bad Request` and the connection is closed.
final class RuntimeAPIConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = ByteBuffer

    private static let continueMessage = ByteBuffer(string: "HTTP/1.1 100 Continue\r\n\r\n")

    private let emulator: RuntimeAPIEmulator
    private var head: HTTPRequestHead?
    private var body = ByteBuffer()
    private var size = 0

    /// A handler whose requests `emulator` serves.
    init(emulator: RuntimeAPIEmulator) {
        self.emulator = emulator
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch self.unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            self.body.clear()
            self.size = 0
            // curl (and so URLSession on Linux) waits for this before it sends a larger body.
            if head.headers.contains(name: "expect") {
                context.writeAndFlush(self.wrapOutboundOut(Self.continueMessage), promise: nil)
            }
        case .body(var chunk):
            self.size += chunk.readableBytes
            if self.size <= LambdaLimits.maxResponseBytes {
                self.body.writeBuffer(&chunk)
            }
        case .end:
            guard let head = self.head else { return }
            self.head = nil
            let reply = RuntimeAPIReply(channel: context.channel, keepAlive: head.isKeepAlive)
            guard let route = RuntimeAPIRoute(method: head.method, uri: head.uri) else {
                reply.send(.notFound(head.uri))
                return
            }
            self.emulator.serve(route, headers: head.headers, body: self.body, size: self.size, reply: reply)
        }
    }

    /// A request the decoder cannot read: answered `400 Bad Request`, then the connection closes.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard error is HTTPParserError else {
            context.close(promise: nil)
            return
        }
        RuntimeAPIReply(channel: context.channel, keepAlive: false).send(.badRequest)
    }
}
