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
    package init?(_ text: String) {
        // No spaces or control characters: they would break the request line or a header.
        guard text.utf8.count <= 2048, text.utf8.allSatisfy({ $0 > 0x20 && $0 != 0x7F }) else { return nil }
        let lowered = text.lowercased()
        let isSecure = lowered.hasPrefix("https://")
        guard isSecure || lowered.hasPrefix("http://") else { return nil }
        let rest = text.dropFirst(isSecure ? "https://".count : "http://".count)
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        guard !authority.contains("@") else { return nil }
        var host = authority
        let defaultPort = isSecure ? 443 : 80
        var port = defaultPort
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            host = authority[authority.index(after: authority.startIndex)..<close]
            let tail = authority[authority.index(after: close)...]
            if !tail.isEmpty {
                guard tail.hasPrefix(":"), let number = Int(tail.dropFirst()) else { return nil }
                port = number
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            guard let number = Int(authority[authority.index(after: colon)...]) else { return nil }
            port = number
        }
        guard !host.isEmpty, (1...65_535).contains(port) else { return nil }
        let target = rest[authorityEnd...]
        self.isSecure = isSecure
        self.host = String(host)
        self.port = port
        // `"/" + String(target)`, not `"/" + target`: String's generic append of a Substring looks up conformances at
        // run time, a search of the binary's conformance records on a Lambda function's cold start.
        self.target = target.hasPrefix("/") ? String(target) : "/" + String(target)
        self.hostHeader = Self.hostHeader(isSecure: isSecure, host: self.host, port: port)
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
