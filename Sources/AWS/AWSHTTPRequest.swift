import LambdaRuntime

/// One HTTP/1.1 request to an AWS endpoint, as the transport sends it.
package struct AWSHTTPRequest: Sendable {
    /// The method, e.g. `POST`.
    package var method: String
    /// Where it goes; its target is the request line's path and query.
    package var url: HTTPURL
    /// The header lines, without `Host` and `Content-Length`, which the transport adds.
    package var headers: [(name: String, value: String)]
    /// The body.
    package var body: [UInt8]

    /// A request from its parts.
    package init(method: String, url: HTTPURL, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// Whether the connection writes the header `name` itself (`Host` from the URL, `Content-Length` from the body),
    /// so that a transport leaves out the request's own.
    static func isWrittenByTheConnection(_ name: String) -> Bool {
        HTTPSyntax.sameFieldName(name, "host") || HTTPSyntax.sameFieldName(name, "content-length")
    }
}
