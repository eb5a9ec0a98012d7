public import Cloud
public import LambdaEvents

/// An API Gateway HTTP API request as a route handler sees it: the event, its method, the path parameters of the
/// matched route, and helpers.
public struct APIRequest: Sendable {
    /// The event API Gateway delivered.
    public let event: APIGatewayV2Request
    /// The request's method, upper-cased as API Gateway matches routes.
    public let method: RequestMethod
    /// The values of the matched route's `{name}` segments.
    public let pathParameters: [String: String]

    /// The request `event` carries, with the method the router read from it and the matched route's parameters.
    public init(event: APIGatewayV2Request, method: RequestMethod, pathParameters: [String: String]) {
        self.event = event
        self.method = method
        self.pathParameters = pathParameters
    }

    /// The path as sent.
    public var path: String { self.event.rawPath }
    /// The id API Gateway gave the request.
    public var requestID: String { self.event.requestContext.requestId }

    /// A header's value; names are matched case-insensitively.
    public func header(_ name: String) -> String? {
        self.event.headers[name.lowercased()]
    }

    /// A query parameter's value (comma-joined when repeated, as API Gateway sends it).
    public func query(_ name: String) -> String? {
        self.event.queryStringParameters?[name]
    }

    /// The verified JWT claims that API Gateway's authorizer passed on, if the route required them.
    public var claims: [String: String]? {
        self.event.requestContext.authorizer?.jwt?.claims
    }

    /// The body's size in bytes after base64 decoding, without copying a plain body.
    func bodyByteCount() throws(HTTPError) -> Int {
        guard let body = self.event.body else { return 0 }
        return self.event.isBase64Encoded ? try self.bodyBytes().count : body.utf8.count
    }

    /// The body's bytes, base64-decoded when API Gateway encoded it.
    /// - Throws: ``HTTPError/badRequest(_:)`` when the body claims base64 but is not.
    public func bodyBytes() throws(HTTPError) -> [UInt8] {
        guard let body = self.event.body else { return [] }
        guard self.event.isBase64Encoded else { return Array(body.utf8) }
        guard let bytes = Base64.decode(body) else { throw .badRequest("The body is not valid base64") }
        return bytes
    }
}
