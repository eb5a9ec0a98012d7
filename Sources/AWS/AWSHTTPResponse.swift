/// An HTTP answer from an AWS endpoint: status, headers and the whole body.
package struct AWSHTTPResponse: Sendable {
    /// The status code.
    package let status: Int
    /// The header lines in the order they came.
    package let headers: [(name: String, value: String)]
    /// The body.
    package let body: [UInt8]
    /// Whether the connection may carry another request (HTTP/1.1 without `Connection: close`).
    let keepsConnection: Bool

    /// An answer from its parts.
    package init(
        status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = [], keepsConnection: Bool = true
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.keepsConnection = keepsConnection
    }

    /// The value of the first header named `name` (without case), if any.
    package func value(of name: String) -> String? {
        let lowered = name.lowercased()
        return self.headers.first { $0.name.lowercased() == lowered }?.value
    }

    /// The body as UTF-8 text.
    package var text: String { String(decoding: self.body, as: UTF8.self) }
}
