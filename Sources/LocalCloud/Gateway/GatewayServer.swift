import HTTPTypes
public import Hummingbird
public import Logging
import NIOCore

/// The local API gateway on HTTP (Hummingbird): requests under `/_stratus/` go to the telemetry API when there is
/// one (which checks their `Host` and admin token, ``TelemetryAccess``), every other to ``APIGateway``.
public struct GatewayServer: Sendable {
    public let gateway: APIGateway
    public let telemetryAPI: TelemetryAPI?
    public let host: String
    public let port: Int

    public init(gateway: APIGateway, telemetryAPI: TelemetryAPI? = nil, host: String, port: Int) {
        self.gateway = gateway
        self.telemetryAPI = telemetryAPI
        self.host = host
        self.port = port
    }

    /// The server as a Hummingbird application; `onRunning` receives the port it listens on (useful with port 0).
    public func makeApplication(
        logger: Logger,
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            responder: GatewayResponder(gateway: self.gateway, telemetryAPI: self.telemetryAPI),
            server: .http1OnConnectionEventLoop(),
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

/// Turns Hummingbird requests into ``GatewayRequest``s and the gateway's answers into responses.
struct GatewayResponder: HTTPResponder {
    typealias Context = GatewayRequestContext

    let gateway: APIGateway
    let telemetryAPI: TelemetryAPI?

    func respond(to request: Request, context: GatewayRequestContext) async throws -> Response {
        var request = request
        let body: ByteBuffer
        do {
            // One byte over the limit is enough to know the request is too large.
            body = try await request.collectBody(upTo: APIGateway.maximumRequestBytes + 1)
        } catch {
            return Self.response(GatewayProblem.response(status: 413, title: "Request Entity Too Large",
                detail: "The request body is over \(APIGateway.maximumRequestBytes) bytes", requestID: APIGateway.makeRequestID()))
        }
        let gatewayRequest = GatewayRequest(
            method: request.method.rawValue,
            path: request.uri.path,
            rawQueryString: request.uri.query ?? "",
            // HTTP types keep `Host` as the authority, not among the fields: put it back, as API Gateway's events have it.
            headers: (request.head.authority.map { [(name: "host", value: $0)] } ?? []) + request.headers.map { (name: $0.name.rawName, value: $0.value) },
            body: Array(body.readableBytesView),
            sourceIP: context.sourceIP
        )
        if let answer = self.telemetryAPI?.respond(to: gatewayRequest) { return Self.response(answer) }
        return Self.response(await self.gateway.handle(gatewayRequest))
    }

    private static func response(_ answer: GatewayResponse) -> Response {
        var fields = HTTPFields()
        for (name, value) in answer.headers {
            if let fieldName = HTTPField.Name(name) {
                fields.append(HTTPField(name: fieldName, value: value))
            }
        }
        return Response(
            status: HTTPResponse.Status(code: answer.status),
            headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body))
        )
    }
}
