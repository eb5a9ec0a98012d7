public import Cloud
public import HTTPTypes

/// What the local API gateway answers: status, header lines (one per cookie, as `Set-Cookie` needs) and body.
public struct GatewayResponse: Sendable {
    public var status: HTTPResponse.Status
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: HTTPResponse.Status, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The answer to `error`: its ``ProblemDetails`` (with API Gateway's `message`, so clients of either shape read
    /// it), the headers its status calls for, and the request id.
    public init(_ error: some HTTPProblemError, requestID: String) {
        var headers = [
            (name: "content-type", value: ProblemDetails.mediaType), (name: "apigw-requestid", value: requestID),
        ]
        headers += error.headers.map { (name: $0.name.canonicalName, value: $0.value) }
        self.init(
            status: error.status,
            headers: headers,
            body: ProblemDetails(error, requestID: requestID, withGatewayMessage: true).json()
        )
    }

    /// The value of the first header named `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return self.headers.first { $0.name.lowercased() == lowered }?.value
    }
}
