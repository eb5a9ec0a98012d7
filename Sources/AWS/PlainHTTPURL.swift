/// An `http://` URL split into what a connection needs: host, port, and the path with its query. Credential endpoints
/// (the container agent, the instance metadata service) speak plain HTTP on link-local or loopback addresses.
struct PlainHTTPURL: Sendable, Equatable {
    /// The host name or address (an IPv6 address without its brackets).
    let host: String
    /// The port, 80 unless the URL names one.
    let port: Int
    /// The path and query, `/` at least.
    let target: String

    /// The URL `text`, or `nil` when it is not an `http://` URL with a host.
    init?(_ text: String) {
        // No spaces or control characters: they would break the request line or a header.
        guard text.utf8.count <= 2048, text.utf8.allSatisfy({ $0 > 0x20 && $0 != 0x7F }),
            text.lowercased().hasPrefix("http://")
        else { return nil }
        let rest = text.dropFirst("http://".count)
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        guard !authority.contains("@") else { return nil }
        var host = authority
        var port = 80
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
        self.host = String(host)
        self.port = port
        self.target = target.hasPrefix("/") ? String(target) : "/" + target
    }

    /// The value of the `Host` header.
    var hostHeader: String {
        let name = self.host.contains(":") ? "[\(self.host)]" : self.host
        return self.port == 80 ? name : "\(name):\(self.port)"
    }

    /// This URL with `path` in place of its path and query.
    func withTarget(_ path: String) -> PlainHTTPURL {
        PlainHTTPURL(host: self.host, port: self.port, target: path)
    }

    private init(host: String, port: Int, target: String) {
        self.host = host
        self.port = port
        self.target = target
    }
}
