/// A Lambda authorizer's answer in the simple format (`EnableSimpleResponses`) of HTTP API payload 2.0.
///
/// When ``isAuthorized`` is `true`, API Gateway passes ``context`` to the integration as
/// `requestContext.authorizer.lambda`; when `false`, the client gets 403.
public struct APIGatewayV2AuthorizerSimpleResponse: Codable, Sendable, Equatable {
    public var isAuthorized: Bool
    public var context: [String: JSONValue]?

    public init(isAuthorized: Bool, context: [String: JSONValue]? = nil) {
        self.isAuthorized = isAuthorized
        self.context = context
    }
}
