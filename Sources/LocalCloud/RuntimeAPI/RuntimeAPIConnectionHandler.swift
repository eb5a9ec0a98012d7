import LambdaRuntime
import NIOCore
import NIOHTTP1

/// One runtime's HTTP/1.1 connection to the emulator: collects each request (its body bounded by Lambda's response
/// limit, though every byte is counted) and hands it to the emulator, which answers on the connection.
final class RuntimeAPIConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let emulator: RuntimeAPIEmulator
    private var head: HTTPRequestHead?
    private var body = ByteBuffer()
    private var size = 0

    init(emulator: RuntimeAPIEmulator) {
        self.emulator = emulator
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch self.unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            self.body.clear()
            self.size = 0
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
}
