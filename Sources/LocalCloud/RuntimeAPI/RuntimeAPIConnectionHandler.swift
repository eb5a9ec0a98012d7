import NIOCore

/// One runtime's HTTP/1.1 connection to the emulator: reads each request (``RuntimeAPIRequestReader``: its body
/// bounded by Lambda's response limit, though every byte is counted) and hands it to the emulator, which answers on
/// the connection. A request that is not valid HTTP/1.1 gets `400 Bad Request` and the connection is closed.
final class RuntimeAPIConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private static let continueMessage = ByteBuffer(string: "HTTP/1.1 100 Continue\r\n\r\n")

    private let emulator: RuntimeAPIEmulator
    private var reader = RuntimeAPIRequestReader()
    /// Bytes received and not read yet.
    private var received = ByteBuffer()
    /// Set once a request was refused: what follows on the connection is not read.
    private var refused = false

    /// A handler whose requests `emulator` serves.
    init(emulator: RuntimeAPIEmulator) {
        self.emulator = emulator
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !self.refused else { return }
        var bytes = self.unwrapInboundIn(data)
        if self.received.readableBytes == 0 {
            self.received = bytes
        } else {
            self.received.writeBuffer(&bytes)
        }
        do {
            while let event = try self.reader.next(from: &self.received) {
                switch event {
                case .continueExpected:
                    // curl (and so URLSession on Linux) waits for this before it sends a larger body.
                    context.writeAndFlush(self.wrapOutboundOut(Self.continueMessage), promise: nil)
                case .request(let request):
                    self.serve(request, on: context.channel)
                }
            }
        } catch {
            self.refused = true
            RuntimeAPIReply(channel: context.channel, keepAlive: false).send(.badRequest)
        }
        if self.received.readableBytes == 0 {
            self.received = ByteBuffer()
        }
    }

    /// A failure of the connection itself (a reset, say): it is closed.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    private func serve(_ request: RuntimeAPIHTTPRequest, on channel: any Channel) {
        let reply = RuntimeAPIReply(channel: channel, keepAlive: request.keepAlive)
        guard let route = RuntimeAPIRoute(method: request.method, target: request.target) else {
            reply.send(.notFound(request.target))
            return
        }
        self.emulator.serve(
            route, functionErrorType: request.functionErrorType, body: request.body, size: request.size, reply: reply)
    }
}
