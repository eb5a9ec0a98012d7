import Cloud
import JSONCoding
import LambdaEvents

/// Turns typed answers and problems into HTTP API responses.
enum JSONResponseEncoding {
    static func response<Body: Encodable>(
        _ response: APIResponse<Body>, defaultStatus: ResponseStatus
    ) throws -> APIGatewayV2Response {
        var headers = Self.eventHeaders(response.headers, reserving: 1)
        var body: String?
        if let value = response.body {
            headers["content-type"] = headers["content-type"] ?? "application/json"
            let bytes = try response.bodyWriter?(value) ?? Self.encoder.encode(value)
            body = String(decoding: bytes, as: UTF8.self)
        }
        return APIGatewayV2Response(
            statusCode: (response.status ?? defaultStatus).code, headers: headers, body: body, isBase64Encoded: false)
    }

    static func problem(_ error: some HTTPProblemError, requestID: String) -> APIGatewayV2Response {
        var headers = Self.eventHeaders(error.headers, reserving: 1)
        headers["content-type"] = ProblemDetails.mediaType
        let body = String(decoding: ProblemDetails(error, requestID: requestID).json(), as: UTF8.self)
        return APIGatewayV2Response(statusCode: error.status.code, headers: headers, body: body, isBase64Encoded: false)
    }

    /// `fields` as an event answer's headers: lower-case names, the values of a repeated name joined with commas, as
    /// API Gateway joins them; room for `reserving` more.
    private static func eventHeaders(_ fields: ResponseHeaders, reserving extra: Int) -> [String: String] {
        var headers: [String: String] = [:]
        headers.reserveCapacity(fields.count + extra)
        for field in fields {
            headers[field.name.canonicalName] =
                headers[field.name.canonicalName].map { "\($0), \(field.value)" } ?? field.value
        }
        return headers
    }

    private static let encoder = StreamingJSONEncoder()
}
