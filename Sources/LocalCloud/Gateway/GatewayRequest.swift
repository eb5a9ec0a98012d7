public import HTTPTypes

/// An HTTP request as it reaches the local API gateway, before it becomes an event.
public struct GatewayRequest: Sendable {
    /// The method as sent.
    public var method: HTTPRequest.Method
    /// The path as sent, without the query string (still percent-encoded).
    public var path: String
    /// The query string as sent, without `?`.
    public var rawQueryString: String
    /// Every header field in order, repeated fields each on their own, names as the client wrote them (`rawName`).
    public var headers: HTTPFields
    /// The body, once read.
    public var body: [UInt8]
    /// The client's address.
    public var sourceIP: String

    /// A request for `method` on `path`, as the client sent it.
    public init(
        method: HTTPRequest.Method,
        path: String,
        rawQueryString: String = "",
        headers: HTTPFields = [:],
        body: [UInt8] = [],
        sourceIP: String = "127.0.0.1"
    ) {
        self.method = method
        self.path = path
        self.rawQueryString = rawQueryString
        self.headers = headers
        self.body = body
        self.sourceIP = sourceIP
    }
}
