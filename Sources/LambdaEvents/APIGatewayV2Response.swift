/// The response a Lambda function gives an API Gateway HTTP API (payload format 2.0).
///
/// Each entry of ``cookies`` becomes its own `set-cookie` header. A binary body travels base64-encoded with
/// ``isBase64Encoded`` set.
public struct APIGatewayV2Response: Codable, Sendable, Equatable {
    /// The HTTP status code API Gateway answers with.
    public var statusCode: Int
    /// Response headers; a value with commas stays one header. `nil` sends none beyond API Gateway's own.
    public var headers: [String: String]?
    /// Cookies to set, each `name=value; attributes` becoming its own `set-cookie` header.
    public var cookies: [String]?
    /// The body: text, or base64 when ``isBase64Encoded`` is `true`; `nil` for an empty body.
    public var body: String?
    /// Whether API Gateway must base64-decode ``body`` before sending it; `nil` means `false`.
    public var isBase64Encoded: Bool?

    /// Creates a response; only `statusCode` is required.
    public init(
        statusCode: Int,
        headers: [String: String]? = nil,
        cookies: [String]? = nil,
        body: String? = nil,
        isBase64Encoded: Bool? = nil
    ) {
        self.statusCode = statusCode
        self.headers = headers
        self.cookies = cookies
        self.body = body
        self.isBase64Encoded = isBase64Encoded
    }
}

extension APIGatewayV2Response {
    /// Why a function's output could not be read as an HTTP API response; API Gateway answers such output with 500.
    public struct MalformedOutput: Error, Sendable, Equatable, CustomStringConvertible {
        /// What was wrong with the output, naming the field or the JSON error.
        public var description: String
    }

    /// Reads a function's raw output the way API Gateway does for payload format 2.0.
    ///
    /// A JSON object with a `statusCode` is a full response. Any other valid JSON is the shortcut form: status 200,
    /// `content-type: application/json`, and the output itself as the body (a JSON string gives its text).
    /// - Throws: ``MalformedOutput`` when the output is not JSON or its `statusCode` object is not a valid response.
    public init(lambdaOutput: some Collection<UInt8>) throws(MalformedOutput) {
        let bytes = Array(lambdaOutput)
        guard let value = JSONValue(parsing: bytes) else {
            throw MalformedOutput(description: "The function output is not valid JSON")
        }
        if let members = value.objectValue, members["statusCode"] != nil {
            do {
                self = try JSONValueDecoder().decode(APIGatewayV2Response.self, from: value)
            } catch {
                throw MalformedOutput(
                    description: "The function output has a statusCode but is not a valid response: \(error)")
            }
            return
        }
        let body = value.stringValue ?? String(decoding: bytes, as: UTF8.self)
        self.init(statusCode: 200, headers: ["content-type": "application/json"], body: body, isBase64Encoded: false)
    }

    /// The body's bytes: base64-decoded when ``isBase64Encoded`` is set, UTF-8 otherwise.
    /// - Returns: `nil` when the body claims base64 but is not.
    public func bodyBytes() -> [UInt8]? {
        guard let body else { return [] }
        guard self.isBase64Encoded == true else { return Array(body.utf8) }
        return Base64.decode(body)
    }
}
