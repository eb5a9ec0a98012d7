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
        // Made with its capacity rather than reserving it after: `reserveCapacity` is not specialized for the
        // dictionary's types here, and looked their metadata up at run time on every response.
        var headers = [String: String](minimumCapacity: fields.count + extra)
        for field in fields {
            headers[field.name.canonicalName] =
                headers[field.name.canonicalName].map { "\($0), \(field.value)" } ?? field.value
        }
        return headers
    }

    private static let encoder = StreamingJSONEncoder()
}
