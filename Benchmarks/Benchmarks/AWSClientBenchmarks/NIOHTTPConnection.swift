import NIOCore
import NIOPosix

/// One keep-alive connection driven from async code through NIO's event loop and nothing else: ready-made request
/// bytes written on the channel, the answer framed as the raw client frames it, the caller resumed once it is whole.
/// It shows what the event loop and the hops to it and back cost on their own, between the raw POST and a client
/// built on NIO (informative, no target).
final class NIOHTTPConnection: Sendable {
    private let channel: any Channel

    /// A connection to 127.0.0.1:`port` on NIO's shared event loop group.
    init(port: Int) async throws {
        self.channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(FramedExchangeHandler())
                }
            }
            .connect(host: "127.0.0.1", port: port).get()
    }

    deinit {
        self.channel.close(promise: nil)
    }

    /// Sends `request` and returns the answer's bytes, head and body.
    func exchange(_ request: [UInt8]) async throws -> [UInt8] {
        let response = self.channel.eventLoop.makePromise(of: [UInt8].self)
        self.channel.writeAndFlush(
            FramedExchange(request: ByteBuffer(bytes: request), response: response), promise: nil)
        return try await response.futureResult.get()
    }
}

/// A request on its way, and the promise of its answer.
struct FramedExchange: Sendable {
    let request: ByteBuffer
    let response: EventLoopPromise<[UInt8]>
}

/// Writes each exchange's request and completes its promise once a whole answer has arrived; a connection that fails
/// or closes first fails it.
final class FramedExchangeHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = FramedExchange
    typealias OutboundOut = ByteBuffer

    private var pending: [UInt8] = []
    private var response: EventLoopPromise<[UInt8]>?

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let exchange = Self.unwrapOutboundIn(data)
        self.response = exchange.response
        context.write(Self.wrapOutboundOut(exchange.request), promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        self.pending.append(contentsOf: Self.unwrapInboundIn(data).readableBytesView)
        guard let length = HTTPMessageReader.lengthOfFirstMessage(in: self.pending) else { return }
        let message = Array(self.pending[..<length])
        self.pending.removeFirst(length)
        self.response?.succeed(message)
        self.response = nil
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        self.response?.fail(error)
        self.response = nil
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.response?.fail(RawHTTPConnection.Closed())
        self.response = nil
        context.fireChannelInactive()
    }
}
