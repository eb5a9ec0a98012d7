/// A Lambda authorizer's answer in the simple format (`EnableSimpleResponses`) of HTTP API payload 2.0.
///
/// When ``isAuthorized`` is `true`, API Gateway passes ``context`` to the integration as
/// `requestContext.authorizer.lambda`; when `false`, the client gets 403.
public struct APIGatewayV2AuthorizerSimpleResponse: Codable, Sendable, Equatable {
    /// Whether API Gateway lets the request through to the integration.
    public var isAuthorized: Bool
    /// Values handed to the integration as `requestContext.authorizer.lambda`; ignored when not authorized.
    public var context: [String: JSONValue]?

    /// Creates an answer that allows or denies the request, with optional context for the integration.
    public init(isAuthorized: Bool, context: [String: JSONValue]? = nil) {
        self.isAuthorized = isAuthorized
        self.context = context
    }
}
