public import Middleware

/// `GET /health`: tells a load balancer or a person that the function answers, which version runs, and whether
/// this answer came from a cold start.
public struct HealthHandler: LambdaHandler {
    private let router: HTTPRouter

    public init(version: String) {
        self.router = HTTPRouter {
            Route("GET", "/health") { _, context in
                HTTPResponse(body: HealthStatus(status: "ok", version: version, coldStart: context.isColdStart))
            }
        }
    }

    public func handle(_ request: APIGatewayV2Request, context: LambdaContext) async throws -> APIGatewayV2Response {
        try await self.router.handle(request, context: context)
    }
}

/// The body of a `GET /health` answer.
public struct HealthStatus: Codable, Sendable, Equatable {
    public var status: String
    public var version: String
    public var coldStart: Bool

    public init(status: String, version: String, coldStart: Bool) {
        self.status = status
        self.version = version
        self.coldStart = coldStart
    }
}
