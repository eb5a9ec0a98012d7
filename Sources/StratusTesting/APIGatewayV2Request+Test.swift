import Cloud
import Identifiers
public import LambdaEvents

extension APIGatewayV2Request {
    /// A request as the gateway would send it: JSON content type, the authorizer's `claims` when the caller has a
    /// token, and a fresh request id.
    public static func test(
        _ method: String,
        _ path: String,
        body: String? = nil,
        claims: [String: String]? = nil,
        headers: [String: String] = [:],
        query: [String: String]? = nil
    ) -> APIGatewayV2Request {
        var allHeaders = ["content-type": "application/json"]
        allHeaders.merge(headers) { _, new in new }
        return APIGatewayV2Request(
            routeKey: "\(method) \(path)",
            rawPath: path,
            headers: .init(allHeaders),
            queryStringParameters: query,
            requestContext: .init(
                accountId: "123456789012", apiId: "local", authorizer: claims.map { .init(jwt: .init(claims: $0)) },
                domainName: "localhost", domainPrefix: "localhost",
                http: .init(method: method, path: path, protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: "test"),
                requestId: "req-\(RandomUUID.make())", routeKey: "\(method) \(path)",
                time: "22/Nov/2026:21:36:49 +0000", timeEpoch: 1_795_383_409_000
            ),
            body: body
        )
    }
}
