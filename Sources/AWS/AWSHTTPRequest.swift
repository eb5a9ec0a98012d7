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
        var head: [UInt8] = []
        // Room for all of it: a session token alone is about a kilobyte, and growing the array copies it.
        head.reserveCapacity(
            self.method.utf8.count + self.url.target.utf8.count + self.url.hostHeader.utf8.count + 64
                + self.headers.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 4 })
        head.append(contentsOf: self.method.utf8)
        head.append(UInt8(ascii: " "))
        head.append(contentsOf: self.url.target.utf8)
        head.append(contentsOf: " HTTP/1.1\r\nHost: ".utf8)
        head.append(contentsOf: self.url.hostHeader.utf8)
        head.append(contentsOf: "\r\n".utf8)
        for header in self.headers {
            if Self.isWrittenByTheConnection(header.name) { continue }
            try Self.checkCanBeSent(header)
            head.append(contentsOf: header.name.utf8)
            head.append(contentsOf: ": ".utf8)
            head.append(contentsOf: header.value.utf8)
            head.append(contentsOf: "\r\n".utf8)
        }
        head.append(contentsOf: "Content-Length: ".utf8)
        head.append(contentsOf: String(self.body.count).utf8)
        head.append(contentsOf: "\r\n\r\n".utf8)
        return head
    }

    /// Whether the connection writes the header `name` itself (`Host` from the URL, `Content-Length` from the body),
    /// so that a transport leaves out the request's own.
    static func isWrittenByTheConnection(_ name: String) -> Bool {
        HTTPSyntax.sameFieldName(name, "host") || HTTPSyntax.sameFieldName(name, "content-length")
    }

    /// Refuses a header whose name or value holds a line break or NUL, which would end the header early and let
    /// the rest be read as headers of its own; ``head()`` checks every header with it.
    static func checkCanBeSent(_ header: (name: String, value: String)) throws(AWSHTTPError) {
        guard Self.canStandInAHeader(header.name), Self.canStandInAHeader(header.value) else {
            throw AWSHTTPError(.invalidConfiguration, "The header \(header.name.debugDescription) holds a line break")
        }
    }

    /// Whether `text` holds no line break or NUL. (A scan of the contiguous bytes, eight at a time: a session
    /// token's kilobyte is checked on every call.)
    private static func canStandInAHeader(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highBits: UInt64 = 0x8080_8080_8080_8080
            // Whether some byte of `word` is zero (the classic test: exact, since a byte's borrow needs a zero byte).
            func hasZeroByte(_ word: UInt64) -> Bool { (word &- ones) & ~word & highBits != 0 }
            var index = 0
            if let base = UnsafeRawPointer(bytes.baseAddress) {
                while index + 8 <= bytes.count {
                    let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    if hasZeroByte(word) || hasZeroByte(word ^ (ones &* 0x0D)) || hasZeroByte(word ^ (ones &* 0x0A)) {
                        return false
                    }
                    index += 8
                }
            }
            return !bytes[index...].contains { $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n") || $0 == 0 }
        }
    }
}
