public import LambdaEvents
public import LambdaRuntime

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `GET /health`: tells a load balancer or a person that the function answers, which version runs, and whether
/// this answer came from a cold start.
public struct HealthHandler: LambdaHandler {
    public let version: String

    public init(version: String) {
        self.version = version
    }

    public func handle(_ request: APIGatewayV2Request, context: LambdaContext) async throws -> APIGatewayV2Response {
        guard request.rawPath == "/health" else {
            return HTTPProblem(status: 404, title: "Not Found", detail: "No route for \(request.rawPath)")
                .response(requestID: request.requestContext.requestId)
        }
        guard request.requestContext.http.method == "GET" else {
            var response = HTTPProblem(
                status: 405,
                title: "Method Not Allowed",
                detail: "/health answers GET only"
            ).response(requestID: request.requestContext.requestId)
            response.headers?["allow"] = "GET"
            return response
        }
        let status = HealthStatus(status: "ok", version: self.version, coldStart: context.isColdStart)
        return APIGatewayV2Response(
            statusCode: 200,
            headers: ["content-type": "application/json", "cache-control": "no-store"],
            body: String(decoding: try JSONEncoder().encode(status), as: UTF8.self)
        )
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
