public import Cloud
public import HTTPTypes

/// What the local API gateway answers: status, header fields (one per cookie, as `Set-Cookie` needs) and body.
public struct GatewayResponse: Sendable {
    /// The answer's status.
    public var status: HTTPResponse.Status
    /// The answer's header fields, in the order they are sent.
    public var headers: HTTPFields
    /// The answer's body.
    public var body: [UInt8]

    /// An answer with `status`, `headers` and `body`.
    public init(status: HTTPResponse.Status, headers: HTTPFields = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The answer to `error`: its ``ProblemDetails`` (with API Gateway's `message`, so clients of either shape read
    /// it), the headers its status calls for, the request id and ``SecurityHeaders``, every name in lower case as
    /// API Gateway writes its own answers' headers.
    public init(_ error: some HTTPProblemError, requestID: String) {
        var headers = HTTPFields()
        headers.reserveCapacity(error.headers.count + 2 + SecurityHeaders.fields.count)
        headers.append(HTTPField(name: HTTPField.Name("content-type")!, value: ProblemDetails.mediaType))
        headers.append(HTTPField(name: .apigwRequestID, value: requestID))
        headers.append(contentsOf: HTTPFields(error.headers))
        headers.addSecurityHeaders()
        self.init(
            status: HTTPResponse.Status(error.status),
            headers: headers,
            body: ProblemDetails(error, requestID: requestID, withGatewayMessage: true).json()
        )
    }
}

extension HTTPFields {
    /// Adds each of ``SecurityHeaders`` this answer does not set itself.
    mutating func addSecurityHeaders() {
        for (name, value) in SecurityHeaders.fields {
            guard let name = HTTPField.Name(name), self[name] == nil else { continue }
            self.append(HTTPField(name: name, value: value))
        }
    }
}
