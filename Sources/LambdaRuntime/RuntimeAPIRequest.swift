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

    /// The request line and headers, with `host`, `user-agent` and, for a POST, `content-length` added, as the bytes
    /// sent: appended into one buffer of the right capacity, since every invocation sends two.
    func head(host: String) -> [UInt8] {
        var head: [UInt8] = []
        head.reserveCapacity(96 + self.path.utf8.count + host.utf8.count + self.headers.count * 64)
        head += self.method.rawValue.utf8
        head.append(UInt8(ascii: " "))
        head += self.path.utf8
        head += " HTTP/1.1\r\nhost: ".utf8
        head += host.utf8
        head += "\r\nuser-agent: ".utf8
        head += Self.userAgent.utf8
        head += "\r\n".utf8
        for (name, value) in self.headers {
            head += name.utf8
            head += ": ".utf8
            head += Self.singleLine(value).utf8
            head += "\r\n".utf8
        }
        if self.method == .post {
            head += "content-length: ".utf8
            head += String(self.body?.readableBytes ?? 0).utf8
            head += "\r\n".utf8
        }
        head += "\r\n".utf8
        return head
    }

    /// `value` with any line break replaced by a space, so that a handler's error type cannot end the header.
    private static func singleLine(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n") }) else { return value }
        return String(value.map { $0.isNewline ? " " : $0 })
    }

    private static let userAgent = "Stratus/\(StratusVersion.current)"
}
