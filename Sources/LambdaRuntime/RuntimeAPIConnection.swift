import NIOCore
import NIOHTTP1
import NIOPosix

/// One persistent HTTP/1.1 connection to the Runtime API, carrying one request at a time.
final class RuntimeAPIConnection: Sendable {
    let channel: any Channel
    private let hostHeader: String

    private init(channel: any Channel, address: RuntimeAPIAddress) {
        self.channel = channel
        self.hostHeader = address.description
    }

    /// The largest response body accepted: an event is at most 6 MB, with room for what a faithful API adds.
    static let maxResponseBodyBytes = 8 * 1024 * 1024

    /// Connects to the Runtime API.
    static func connect(to address: RuntimeAPIAddress, on eventLoop: any EventLoop) async throws -> RuntimeAPIConnection
    {
        try await Self.connecting(to: address, on: eventLoop).value()
    }

    /// Connects to the Runtime API without leaving the event loop, for callers that cannot await.
    ///
    /// An IP address (what Lambda gives) is connected to directly; only a host name goes through the resolver and
    /// Happy Eyeballs, which cost about a millisecond of cold start.
    static func connecting(to address: RuntimeAPIAddress, on eventLoop: any EventLoop) -> EventLoopFuture<
        RuntimeAPIConnection
    > {
        let bootstrap = ClientBootstrap(group: eventLoop)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .connectTimeout(.seconds(2))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandlers(
                        NIOHTTPClientResponseAggregator(maxContentLength: Self.maxResponseBodyBytes),
                        RuntimeAPIChannelHandler()
                    )
                }
            }
        let connected: EventLoopFuture<any Channel>
        if let ip = try? SocketAddress(ipAddress: address.host, port: address.port) {
            connected = bootstrap.connect(to: ip)
        } else {
            connected = bootstrap.connect(host: address.host, port: address.port)
        }
        return connected.map { RuntimeAPIConnection(channel: $0, address: address) }
    }

    var eventLoop: any EventLoop { self.channel.eventLoop }

    /// Sends a request and completes with its response. Safe to call from any thread, including the event loop.
    func send(_ request: RuntimeAPIRequest) -> EventLoopFuture<RuntimeAPIResponse> {
        var request = request
        request.headers.append(("host", self.hostHeader))
        request.headers.append(("user-agent", "Stratus/\(StratusVersion.current)"))
        let promise = self.channel.eventLoop.makePromise(of: RuntimeAPIResponse.self)
        self.channel.writeAndFlush(RuntimeAPIChannelHandler.Exchange(request: request, response: promise), promise: nil)
        return promise.futureResult
    }

    /// Closes the connection; a request waiting for its response fails.
    func close() {
        self.channel.close(promise: nil)
    }
}

/// Matches each request written to the channel with the response that follows it.
final class RuntimeAPIChannelHandler: ChannelDuplexHandler {
    typealias InboundIn = NIOHTTPClientResponseFull
    typealias OutboundIn = Exchange
    typealias OutboundOut = HTTPClientRequestPart

    struct Exchange: Sendable {
        var request: RuntimeAPIRequest
        var response: EventLoopPromise<RuntimeAPIResponse>
    }

    private var pending: EventLoopPromise<RuntimeAPIResponse>?

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let exchange = self.unwrapOutboundIn(data)
        guard self.pending == nil else {
            exchange.response.fail(LambdaRuntimeError(.runtimeAPIFailed, "A Runtime API request is already in flight"))
            promise?.fail(LambdaRuntimeError(.runtimeAPIFailed, "A Runtime API request is already in flight"))
            return
        }
        self.pending = exchange.response
        let request = exchange.request
        var head = HTTPRequestHead(version: .http1_1, method: request.method, uri: request.path)
        for (name, value) in request.headers {
            head.headers.add(name: name, value: value)
        }
        if let body = request.body {
            head.headers.add(name: "content-length", value: String(body.readableBytes))
        } else if request.method != .GET {
            head.headers.add(name: "content-length", value: "0")
        }
        context.write(self.wrapOutboundOut(.head(head)), promise: nil)
        if let body = request.body, body.readableBytes > 0 {
            context.write(self.wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        }
        let written = context.eventLoop.makePromise(of: Void.self)
        let loopBoundSelf = NIOLoopBound(self, eventLoop: context.eventLoop)
        written.futureResult.whenFailure { error in
            loopBoundSelf.value.failPending(error)
        }
        written.futureResult.cascade(to: promise)
        context.writeAndFlush(self.wrapOutboundOut(.end(nil)), promise: written)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let response = self.unwrapInboundIn(data)
        guard let pending = self.pending else {
            context.fireErrorCaught(
                LambdaRuntimeError(.runtimeAPIFailed, "The Runtime API sent a response nobody asked for"))
            context.close(promise: nil)
            return
        }
        self.pending = nil
        pending.succeed(
            RuntimeAPIResponse(
                status: response.head.status,
                headers: response.head.headers,
                body: response.body ?? ByteBuffer()
            )
        )
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        self.failPending(error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.failPending(LambdaRuntimeError(.runtimeAPIFailed, "The Runtime API closed the connection"))
        context.fireChannelInactive()
    }

    private func failPending(_ error: any Error) {
        let pending = self.pending
        self.pending = nil
        pending?.fail(error)
    }
}
