/// The answer of the AWS JSON protocol endpoint, before it becomes an HTTP response: a status, the body's
/// `Content-Type`, the `x-amzn-query-error` header of an error of a service that sends one, and the JSON body.
public struct AWSJSONResponse: Sendable, Hashable {
    /// The HTTP status code.
    public var status: Int
    /// The `Content-Type` of the body.
    public var contentType: String
    /// The `x-amzn-query-error` header, if any.
    public var queryError: String?
    /// The JSON body.
    public var body: [UInt8]

    /// An answer with the given parts.
    public init(status: Int, contentType: String, queryError: String? = nil, body: [UInt8]) {
        self.status = status
        self.contentType = contentType
        self.queryError = queryError
        self.body = body
    }
}
