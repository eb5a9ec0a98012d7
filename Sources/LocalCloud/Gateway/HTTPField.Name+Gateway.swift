public import HTTPTypes

extension HTTPField.Name {
    /// The header that carries API Gateway's id of the request.
    public static let apigwRequestID = Self("apigw-requestid")!
    /// The header that carries a request's X-Ray trace, in and out of the gateway.
    public static let amznTraceID = Self("x-amzn-trace-id")!
    /// `Host` as a header field: HTTP types keep it as the request's authority (their `.host` is unavailable), but
    /// API Gateway's events list it among the headers.
    public static let hostHeader = Self("host")!
}
