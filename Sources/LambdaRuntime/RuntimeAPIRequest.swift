import NIOCore

/// A request to the Runtime API.
struct RuntimeAPIRequest: Sendable {
    /// The two methods the Runtime API uses.
    enum Method: String, Sendable {
        case get = "GET"
        case post = "POST"
    }

    var method: Method
    var path: String
    var headers: [(String, String)] = []
    var body: ByteBuffer?

    /// The request line and headers, with `host`, `user-agent` and, for a POST, `content-length` added: built in one
    /// string of the right capacity, since every invocation sends two.
    func head(host: String) -> String {
        var head = ""
        head.reserveCapacity(96 + self.path.utf8.count + host.utf8.count + self.headers.count * 64)
        head += self.method.rawValue
        head += " "
        head += self.path
        head += " HTTP/1.1\r\nhost: "
        head += host
        head += "\r\nuser-agent: "
        head += Self.userAgent
        head += "\r\n"
        for (name, value) in self.headers {
            head += name
            head += ": "
            head += Self.singleLine(value)
            head += "\r\n"
        }
        if self.method == .post {
            head += "content-length: "
            head += String(self.body?.readableBytes ?? 0)
            head += "\r\n"
        }
        head += "\r\n"
        return head
    }

    /// `value` with any line break replaced by a space, so that a handler's error type cannot end the header.
    private static func singleLine(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n") }) else { return value }
        return String(value.map { $0.isNewline ? " " : $0 })
    }

    private static let userAgent = "Stratus/\(StratusVersion.current)"
}
