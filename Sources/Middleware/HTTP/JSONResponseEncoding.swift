import JSONCoding
import LambdaEvents

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Turns typed answers and problems into HTTP API responses.
enum JSONResponseEncoding {
    static func response<Body: Encodable>(_ response: HTTPResponse<Body>, defaultStatus: Int) throws -> APIGatewayV2Response {
        var headers = response.headers
        var body: String?
        if let value = response.body {
            headers["content-type"] = headers["content-type"] ?? "application/json"
            body = String(decoding: try Self.encoder.encode(value), as: UTF8.self)
        }
        return APIGatewayV2Response(statusCode: response.status ?? defaultStatus, headers: headers, body: body, isBase64Encoded: false)
    }

    static func problem(_ error: HTTPError, requestID: String) -> APIGatewayV2Response {
        let details = ProblemDetails(error, requestID: requestID)
        let body = (try? Self.encoder.encode(details)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        var headers = error.headers
        headers["content-type"] = "application/problem+json"
        return APIGatewayV2Response(statusCode: error.status, headers: headers, body: body, isBase64Encoded: false)
    }

    private static let encoder = StreamingJSONEncoder()
}
