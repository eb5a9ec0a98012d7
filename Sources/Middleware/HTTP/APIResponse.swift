public import Cloud
public import LambdaEvents

/// What a route handler answers: a status, headers, and a body encoded as JSON.
public struct APIResponse<Body: Encodable & Sendable>: Sendable {
    /// The status; `nil` answers the route's declared success status.
    public var status: ResponseStatus?
    /// Headers added to the answer, after the router's content type and security headers.
    public var headers: ResponseHeaders
    /// The body, encoded as JSON; `nil` answers no body.
    public var body: Body?
    /// Writes a body that writes its own JSON; `nil` for one the streaming encoder writes.
    package let bodyWriter: (@Sendable (Body) -> [UInt8])?

    /// An answer with `status` (the route's success status when `nil`), `headers` and `body`.
    public init(status: ResponseStatus? = nil, headers: ResponseHeaders = [:], body: Body?) {
        self.init(status: status, headers: headers, body: body, bodyWriter: nil)
    }

    /// An answer whose body writes its own JSON (``JSONBytesEncodable``), as `/health`'s does: chosen by the compiler
    /// where the body's type is known, so the answer is written without the encoder and without asking the runtime
    /// whether the type conforms (a search of the binary's conformance records on a cold start).
    public init(status: ResponseStatus? = nil, headers: ResponseHeaders = [:], body: Body?)
    where Body: JSONBytesEncodable {
        self.init(status: status, headers: headers, body: body, bodyWriter: { $0.jsonBytes })
    }

    private init(
        status: ResponseStatus?, headers: ResponseHeaders, body: Body?, bodyWriter: (@Sendable (Body) -> [UInt8])?
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.bodyWriter = bodyWriter
    }
}
