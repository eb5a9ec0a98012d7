/// An `http://` or `https://` URL split into what a connection needs: whether it uses TLS, host, port, and the path
/// with its query. Credential endpoints (the container agent, the instance metadata service) speak plain HTTP on
/// link-local or loopback addresses; service endpoints speak HTTPS.
package struct HTTPURL: Sendable, Hashable {
    /// Whether the URL is `https://`.
    package let isSecure: Bool
    /// The host name or address (an IPv6 address without its brackets).
    package let host: String
    /// The port: the one the URL names, else 80 for `http`, 443 for `https`.
    package let port: Int
    /// The path and query, `/` at least.
    package let target: String

    /// The URL `text`, or `nil` when it is not an `http://` or `https://` URL with a host.
    ///
    /// Read as UTF-8 bytes, not as Characters (every delimiter is ASCII): the endpoints are parsed on a Lambda
    /// function's cold start, where searching by Character (grapheme breaking) and lowercasing cost 61,384
    /// instructions.
    package init?(_ text: String) {
        let bytes = text.utf8
        // No spaces or control characters: they would break the request line or a header.
        guard bytes.count <= 2048, bytes.allSatisfy({ $0 > 0x20 && $0 != 0x7F }) else { return nil }
        let isSecure = Self.startsWithScheme(bytes, "https://")
        guard isSecure || Self.startsWithScheme(bytes, "http://") else { return nil }
        let authorityStart = bytes.index(bytes.startIndex, offsetBy: isSecure ? 8 : 7)
        let authorityEnd =
            bytes[authorityStart...].firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") }
            ?? bytes.endIndex
        let authority = text[authorityStart..<authorityEnd]
        guard !authority.utf8.contains(UInt8(ascii: "@")) else { return nil }
        var host = authority
        let defaultPort = isSecure ? 443 : 80
        var port = defaultPort
        if authority.utf8.first == UInt8(ascii: "["), let close = authority.utf8.firstIndex(of: UInt8(ascii: "]")) {
            host = authority[authority.utf8.index(after: authority.startIndex)..<close]
            let tail = authority[authority.utf8.index(after: close)...]
            if !tail.isEmpty {
                guard tail.utf8.first == UInt8(ascii: ":"), let number = Self.port(tail.utf8.dropFirst()) else {
                    return nil
                }
                port = number
            }
        } else if let colon = authority.utf8.lastIndex(of: UInt8(ascii: ":")) {
            host = authority[..<colon]
            guard let number = Self.port(authority.utf8[authority.utf8.index(after: colon)...]) else { return nil }
            port = number
        }
        guard !host.isEmpty, (1...65_535).contains(port) else { return nil }
        let target = text[authorityEnd...]
        self.isSecure = isSecure
        self.host = String(host)
        self.port = port
        // `"/" + String(target)`, not `"/" + target`: String's generic append of a Substring looks up conformances at
        // run time, a search of the binary's conformance records on a Lambda function's cold start.
        self.target = target.utf8.first == UInt8(ascii: "/") ? String(target) : "/" + String(target)
        self.hostHeader = Self.hostHeader(isSecure: isSecure, host: self.host, port: port)
    }

    /// Whether `bytes` begin with `scheme` (lowercase ASCII letters, `:` and `/`) in any letter case. Setting the
    /// 0x20 bit lowercases a letter and leaves `:` and `/` as they are; it makes no other byte above 0x20 one of them.
    private static func startsWithScheme(_ bytes: String.UTF8View, _ scheme: StaticString) -> Bool {
        let expected = UnsafeBufferPointer(start: scheme.utf8Start, count: scheme.utf8CodeUnitCount)
        return bytes.count >= expected.count && zip(bytes, expected).allSatisfy { $0 | 0x20 == $1 }
    }

    /// The port `digits` spell, in decimal: one to five ASCII digits, else `nil`.
    private static func port(_ digits: Substring.UTF8View) -> Int? {
        guard (1...5).contains(digits.count) else { return nil }
        var value = 0
        for digit in digits {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digit) else { return nil }
            value = value * 10 + Int(digit - UInt8(ascii: "0"))
        }
        return value
    }

    /// The value of the `Host` header, made once: every request sends it.
    package let hostHeader: String

    /// This URL with `path` in place of its path and query.
    package func withTarget(_ path: String) -> HTTPURL {
        HTTPURL(isSecure: self.isSecure, host: self.host, port: self.port, target: path)
    }

    private init(isSecure: Bool, host: String, port: Int, target: String) {
        self.isSecure = isSecure
        self.host = host
        self.port = port
        self.target = target
        self.hostHeader = Self.hostHeader(isSecure: isSecure, host: host, port: port)
    }

    /// The `Host` header of a URL: the host, bracketed when it is an IPv6 address, and the port unless it is the
    /// scheme's own.
    private static func hostHeader(isSecure: Bool, host: String, port: Int) -> String {
        let name = host.contains(":") ? "[\(host)]" : host
        return port == (isSecure ? 443 : 80) ? name : "\(name):\(port)"
    }
}
