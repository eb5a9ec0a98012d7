import NIOCore

/// A request to the Runtime API.
struct RuntimeAPIRequest: Sendable {
    /// What a request asks for, which fixes its method and path.
    enum Target: Sendable {
        /// `GET /2018-06-01/runtime/invocation/next`: the next invocation.
        case next
        /// `POST /2018-06-01/runtime/invocation/{id}/response`: an invocation's response.
        case response(requestID: String)
        /// `POST /2018-06-01/runtime/invocation/{id}/error`: an invocation's failure.
        case error(requestID: String)
        /// `POST /2018-06-01/runtime/init/error`: a failure before the first invocation.
        case initError

        /// The method: `GET` for the next invocation, `POST` for every report.
        var method: StaticString {
            if case .next = self { return "GET" }
            return "POST"
        }

        /// What comes after the API's version prefix, and the invocation's request ID between its two parts.
        private var pathParts: (prefix: StaticString, requestID: String?, suffix: StaticString) {
            switch self {
            case .next: ("/invocation/next", nil, "")
            case .response(let requestID): ("/invocation/", requestID, "/response")
            case .error(let requestID): ("/invocation/", requestID, "/error")
            case .initError: ("/init/error", nil, "")
            }
        }

        /// How many bytes ``writePath(to:)`` writes.
        var pathByteCount: Int {
            let parts = self.pathParts
            return Self.versionPrefix.utf8CodeUnitCount + parts.prefix.utf8CodeUnitCount
                + (parts.requestID?.utf8.count ?? 0) + parts.suffix.utf8CodeUnitCount
        }

        /// Writes the path.
        func writePath(to writer: inout UTF8BufferWriter) {
            let parts = self.pathParts
            writer.write(Self.versionPrefix)
            writer.write(parts.prefix)
            if let requestID = parts.requestID { writer.write(requestID) }
            writer.write(parts.suffix)
        }

        /// The path, for messages.
        var path: String {
            String(unsafeUninitializedCapacity: self.pathByteCount) { output in
                var writer = UTF8BufferWriter(output)
                self.writePath(to: &writer)
                return writer.count
            }
        }

        private static let versionPrefix: StaticString = "/2018-06-01/runtime"
    }

    var target: Target
    var headers: [(name: String, value: String)] = []
    var body: ByteBuffer?

    /// The request line and headers, with `host`, `user-agent` and, for a POST, `content-length` added, as the bytes
    /// sent: written in one piece into a buffer of their exact size, since every invocation sends two.
    func head(host: String) -> [UInt8] {
        let isPost = self.target.method.utf8CodeUnitCount == 4
        let contentLength = self.body?.readableBytes ?? 0
        var byteCount = self.target.method.utf8CodeUnitCount + 1 + self.target.pathByteCount
        byteCount += Self.hostLine.utf8CodeUnitCount + host.utf8.count + Self.userAgentLine.utf8.count + 2
        for header in self.headers {
            byteCount += header.name.utf8.count + Self.singleLine(header.value).utf8.count + 4
        }
        if isPost {
            byteCount +=
                Self.contentLengthName.utf8CodeUnitCount + UTF8BufferWriter.decimalDigitCount(contentLength) + 2
        }
        return [UInt8](unsafeUninitializedCapacity: byteCount) { output, count in
            var writer = UTF8BufferWriter(output)
            writer.write(self.target.method)
            writer.write(UInt8(ascii: " "))
            self.target.writePath(to: &writer)
            writer.write(Self.hostLine)
            writer.write(host)
            writer.write(Self.userAgentLine)
            for header in self.headers {
                writer.write(header.name)
                writer.write(": ")
                writer.write(Self.singleLine(header.value))
                writer.write("\r\n")
            }
            if isPost {
                writer.write(Self.contentLengthName)
                writer.write(decimal: contentLength)
                writer.write("\r\n")
            }
            writer.write("\r\n")
            count = writer.count
        }
    }

    /// The end of the request line and the `host` header's name.
    private static let hostLine: StaticString = " HTTP/1.1\r\nhost: "
    /// The end of the `host` header and the whole `user-agent` header.
    private static let userAgentLine = "\r\nuser-agent: Stratus/\(StratusVersion.current)\r\n"
    private static let contentLengthName: StaticString = "content-length: "

    /// `value` with any line break or NUL replaced by a space, so that a handler's error type cannot end the header.
    private static func singleLine(_ value: String) -> String {
        guard !HTTPSyntax.canStandInAHeader(value) else { return value }
        return String(value.map { $0.isNewline || $0 == "\0" ? " " : $0 })
    }
}
