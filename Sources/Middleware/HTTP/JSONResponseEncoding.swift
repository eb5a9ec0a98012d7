import Cloud
import HTTPTypes
import LambdaEvents

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Turns typed answers and problems into HTTP API responses.
enum JSONResponseEncoding {
    static func response<Body: Encodable>(
        _ response: HTTPResponse<Body>, defaultStatus: HTTPTypes.HTTPResponse.Status
    ) throws -> APIGatewayV2Response {
        var headers = response.headers
        var body: String?
        if let value = response.body {
            headers["content-type"] = headers["content-type"] ?? "application/json"
            body = String(decoding: try Self.encoder.encode(value), as: UTF8.self)
        }
        return APIGatewayV2Response(statusCode: (response.status ?? defaultStatus).code, headers: headers, body: body, isBase64Encoded: false)
    }

    static func problem(_ error: some HTTPProblemError, requestID: String) -> APIGatewayV2Response {
        var headers: [String: String] = [:]
        headers.reserveCapacity(error.headers.count + 1)
        for field in error.headers { headers[field.name.canonicalName] = field.value }
        headers["content-type"] = ProblemDetails.mediaType
        let body = String(decoding: ProblemDetails(error, requestID: requestID).json(), as: UTF8.self)
        return APIGatewayV2Response(statusCode: error.status.code, headers: headers, body: body, isBase64Encoded: false)
    }

    private static let encoder = StreamingJSONEncoder()
}
