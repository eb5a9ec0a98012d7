/// An HTTP request as it reaches the local API gateway, before it becomes an event.
public struct GatewayRequest: Sendable {
    public var method: String
    /// The path as sent, without the query string (still percent-encoded).
    public var path: String
    /// The query string as sent, without `?`.
    public var rawQueryString: String
    /// Every header line in order; names as the client wrote them.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    public var sourceIP: String

    public init(
        method: String,
        path: String,
        rawQueryString: String = "",
        headers: [(name: String, value: String)] = [],
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
