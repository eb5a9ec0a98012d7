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

    /// The request line and headers as they are written, with `Host` and `Content-Length` from the URL and the
    /// body in place of the request's own; made before a connection is taken, so that a header that cannot be sent
    /// costs none. Both transports write it.
    func head() throws(AWSHTTPError) -> [UInt8] {
        // Sized before it is written: a session token alone is about a kilobyte, and growing the array copies it.
        var byteCount = self.method.utf8.count + 1 + self.url.target.utf8.count + Self.hostLine.utf8CodeUnitCount
        byteCount += self.url.hostHeader.utf8.count + 2
        for header in self.headers where !Self.isWrittenByTheConnection(header.name) {
            try Self.checkCanBeSent(header)
            byteCount += header.name.utf8.count + header.value.utf8.count + 4
        }
        byteCount += Self.contentLengthName.utf8CodeUnitCount + UTF8BufferWriter.decimalDigitCount(self.body.count) + 4
        return [UInt8](unsafeUninitializedCapacity: byteCount) { output, count in
            var writer = UTF8BufferWriter(output)
            writer.write(self.method)
            writer.write(UInt8(ascii: " "))
            writer.write(self.url.target)
            writer.write(Self.hostLine)
            writer.write(self.url.hostHeader)
            writer.write("\r\n")
            for header in self.headers where !Self.isWrittenByTheConnection(header.name) {
                writer.write(header.name)
                writer.write(": ")
                writer.write(header.value)
                writer.write("\r\n")
            }
            writer.write(Self.contentLengthName)
            writer.write(decimal: self.body.count)
            writer.write("\r\n\r\n")
            count = writer.count
        }
    }

    /// The end of the request line and the `Host` header's name.
    private static let hostLine: StaticString = " HTTP/1.1\r\nHost: "
    private static let contentLengthName: StaticString = "Content-Length: "

    /// Whether the connection writes the header `name` itself (`Host` from the URL, `Content-Length` from the body),
    /// so that a transport leaves out the request's own.
    static func isWrittenByTheConnection(_ name: String) -> Bool {
        HTTPSyntax.sameFieldName(name, "host") || HTTPSyntax.sameFieldName(name, "content-length")
    }

    /// Refuses a header whose name or value holds a line break or NUL, which would end the header early and let
    /// the rest be read as headers of its own; ``head()`` checks every header with it.
    static func checkCanBeSent(_ header: (name: String, value: String)) throws(AWSHTTPError) {
        guard HTTPSyntax.canStandInAHeader(header.name), HTTPSyntax.canStandInAHeader(header.value) else {
            throw AWSHTTPError(.invalidConfiguration, "The header \(header.name.debugDescription) holds a line break")
        }
    }
}
