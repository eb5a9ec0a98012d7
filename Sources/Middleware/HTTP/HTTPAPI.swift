public import Cloud
public import LambdaEvents
public import LambdaRuntime

/// A function whose every answer comes from its ``HTTPRouter``: it handles HTTP API events through the router and
/// describes its API from the router's routes.
public protocol HTTPAPI: LambdaHandler, APIDescribing
where Event == APIGatewayV2Request, Output == APIGatewayV2Response {
    var router: HTTPRouter { get }
}

extension HTTPAPI {
    public func handle(_ request: APIGatewayV2Request, context: LambdaContext) async throws -> APIGatewayV2Response {
        try await self.router.handle(request, context: context)
    }

    public var apiOperations: [APIOperation] { self.router.apiOperations }
}

extension HTTPRouter: APIDescribing {
    /// Every route as an OpenAPI operation.
    public var apiOperations: [APIOperation] { self.routes.map(\.apiOperation) }
}
