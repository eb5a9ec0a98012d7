import HTTPTypes
public import Hummingbird
public import Logging
import NIOCore
import ServiceLifecycle

/// The local API gateway on HTTP (Hummingbird): requests for the local cloud's own routes (``LocalCloudRoutes``: the
/// telemetry API, which checks their `Host` and admin token, and the public documents) go to those, every other to
/// ``APIGateway``. A connection
/// that sends nothing for `idleTimeout`, between requests or in the middle of one, is closed, so idle connections
/// cannot pile up (slowloris).
public struct GatewayServer: Sendable {
    /// How long a connection may stay idle by default: API Gateway's own idle connection timeout.
    public static let defaultIdleTimeout = Duration.seconds(310)
    /// How long a graceful stop waits by default for the requests under way: just over the 29 s API Gateway lets an
    /// integration take, so no request it would have answered is cut short.
    public static let defaultShutdownGracePeriod = Duration.seconds(30)

    public let gateway: APIGateway
    public let localRoutes: LocalCloudRoutes
    public let host: String
    public let port: Int
    public let idleTimeout: Duration
    /// How long a graceful stop waits for the requests under way before it closes their connections.
    public let shutdownGracePeriod: Duration

    public init(
        gateway: APIGateway, localRoutes: LocalCloudRoutes = LocalCloudRoutes(), host: String, port: Int,
        idleTimeout: Duration = Self.defaultIdleTimeout, shutdownGracePeriod: Duration = Self.defaultShutdownGracePeriod
    ) {
        self.gateway = gateway
        self.localRoutes = localRoutes
        self.host = host
        self.port = port
        self.idleTimeout = idleTimeout
        self.shutdownGracePeriod = shutdownGracePeriod
    }

    /// Serves until the process receives SIGTERM or SIGINT or the task is cancelled; `onRunning` receives the port
    /// it listens on (useful with port 0).
    ///
    /// Either way the server stops gracefully: it accepts no more connections, finishes the requests under way and
    /// closes every connection before it returns. A request still under way after ``shutdownGracePeriod`` (a slow
    /// client still sending its body, say) has its connection closed then. Cancellation reaches the server only as that graceful stop: a
    /// server task cancelled outright drops the connections NIO has accepted but not yet handed out, and NIO traps on
    /// such a connection (swift-nio#2637), which would take the whole process down.
    public func run(logger: Logger, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        var configuration = ServiceGroupConfiguration(
            services: [self.makeApplication(logger: logger, onRunning: onRunning)],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        configuration.maximumGracefulShutdownDuration = self.shutdownGracePeriod
        let services = ServiceGroup(configuration: configuration)
        // Not a child task, so that this task's cancellation does not reach the server directly.
        let serving = Task { try await services.run() }
        try await withTaskCancellationHandler {
            try await serving.value
        } onCancel: {
            Task { await services.triggerGracefulShutdown() }
        }
    }

    /// The server as a Hummingbird application; `onRunning` receives the port it listens on (useful with port 0).
    public func makeApplication(
        logger: Logger,
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            responder: GatewayResponder(gateway: self.gateway, localRoutes: self.localRoutes),
            server: .http1OnConnectionEventLoop(
                configuration: .init(
                    additionalChannelHandlers: [MalformedRequestProblemHandler()],
                    idleTimeout: TimeAmount(self.idleTimeout))),
            configuration: .init(address: .hostname(self.host, port: self.port), serverName: nil),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) },
            logger: logger
        )
    }
}

/// What the gateway keeps of each connection: the client's address (the event's `sourceIp`).
struct GatewayRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let sourceIP: String

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.sourceIP = source.channel.remoteAddress?.ipAddress ?? "127.0.0.1"
    }
}

/// Sends the local cloud's own requests to its routes, and turns every other into a ``GatewayRequest`` for the
/// gateway and the gateway's answer into a response.
struct GatewayResponder: HTTPResponder {
    typealias Context = GatewayRequestContext

    let gateway: APIGateway
    let localRoutes: LocalCloudRoutes
    private let localResponder: RouterResponder<GatewayRequestContext>

    init(gateway: APIGateway, localRoutes: LocalCloudRoutes) {
        self.gateway = gateway
        self.localRoutes = localRoutes
        self.localResponder = localRoutes.router(context: GatewayRequestContext.self).buildResponder()
    }

    /// Answers `request`; its body is read only when the gateway has admitted the request (see
    /// ``APIGateway/handle(_:readingBody:)``), and of the local cloud's own routes only by the AWS endpoint, which
    /// bounds it itself.
    func respond(to request: Request, context: GatewayRequestContext) async throws -> Response {
        if let refusal = APIGateway.refusal(transferEncoding: request.headers[.transferEncoding]) {
            return Response(refusal)
        }
        if self.localRoutes.claims(method: request.method, path: request.uri.path) {
            return try await self.localResponder.respond(to: request, context: context)
        }
        let head = GatewayRequest(
            method: request.method,
            path: request.uri.path,
            rawQueryString: request.uri.query ?? "",
            headers: Self.headers(of: request),
            sourceIP: context.sourceIP
        )
        let answer = await self.gateway.handle(head) { maximumBytes in
            guard let body = try? await request.body.collect(upTo: maximumBytes) else { return nil }
            return Array(body.readableBytesView)
        }
        return Response(answer)
    }

    /// The request's header fields, with `Host` first: HTTP types keep it as the authority, not among the fields, and
    /// API Gateway's events have it.
    private static func headers(of request: Request) -> HTTPFields {
        guard let authority = request.head.authority else { return request.headers }
        var headers = HTTPFields()
        headers.reserveCapacity(request.headers.count + 1)
        headers.append(HTTPField(name: .hostHeader, value: authority))
        headers.append(contentsOf: request.headers)
        return headers
    }
}

extension Response {
    /// The gateway's `answer` as a Hummingbird response.
    init(_ answer: GatewayResponse) {
        self.init(
            status: answer.status,
            headers: answer.headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body))
        )
    }
}
