import Hashing

/// The canonical form of a request that SigV4 hashes and signs: method, path, query, headers, the names of the signed
/// headers and the payload hash, one per line.
struct CanonicalRequest {
    /// Headers never signed: they are set or changed on the way (by the client, a proxy or the tracing agent).
    static let unsignedHeaderNames: Set<String> = [
        "authorization", "user-agent", "x-amzn-trace-id", "expect", "connection", "transfer-encoding",
    ]

    /// The signed header names, lower-case, sorted and joined with `;`.
    let signedHeaders: String
    /// The whole canonical request.
    let text: String

    /// The canonical form of `request` whose payload hash is `payloadHash`.
    init(_ request: SigV4Request, payloadHash: String, options: SigV4Options) {
        // Lower-case names in order, a name's values in the order the request has them.
        var headers: [(name: String, order: Int, value: String)] = []
        headers.reserveCapacity(request.headers.count)
        for (order, header) in request.headers.enumerated() {
            let name = header.name.lowercased()
            guard !Self.unsignedHeaderNames.contains(name) else { continue }
            headers.append((name, order, Self.canonicalValue(header.value)))
        }
        headers.sort { ($0.name, $0.order) < ($1.name, $1.order) }
        var signedHeaders = ""
        var text = request.method
        text.reserveCapacity(
            headers.reduce(256 + request.path.utf8.count + request.query.utf8.count) {
                $0 + $1.name.utf8.count * 2 + $1.value.utf8.count + 2
            })
        text += "\n"
        text += Self.canonicalPath(request.path, options: options)
        text += "\n"
        text += Self.canonicalQuery(request.query)
        text += "\n"
        for (index, header) in headers.enumerated() {
            if index > 0, headers[index - 1].name == header.name {
                text += ","
            } else {
                if index > 0 {
                    text += "\n"
                    signedHeaders += ";"
                }
                text += header.name
                text += ":"
                signedHeaders += header.name
            }
            text += header.value
        }
        if !headers.isEmpty { text += "\n" }
        text += "\n"
        text += signedHeaders
        text += "\n"
        text += payloadHash
        self.signedHeaders = signedHeaders
        self.text = text
    }

    /// The hex SHA-256 of the canonical request, the last line of the string to sign.
    var hash: String { SHA256.hexDigest(self.text) }

    /// A header value trimmed, with every run of spaces, tabs and line breaks made one space.
    static func canonicalValue(_ value: String) -> String {
        if Self.isCanonical(value) { return value }
        let blanks: Set<UInt8> = [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r")]
        let words = value.utf8.split(whereSeparator: blanks.contains)
        return words.map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ")
    }

    /// Whether `value` is already in its canonical form: no tab or line break, no space at either end or next to
    /// another. Most values are (a session token is hundreds of bytes), and need no copy.
    private static func isCanonical(_ value: String) -> Bool {
        var value = value
        return value.withUTF8(Self.isCanonical)
    }

    private static func isCanonical(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var afterSpace = true
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                return false
            case UInt8(ascii: " "):
                if afterSpace { return false }
                afterSpace = true
            default:
                afterSpace = false
            }
        }
        return !afterSpace || bytes.isEmpty
    }

    /// The path, normalised if asked, encoded once more (all but S3) or with its escapes kept (S3).
    static func canonicalPath(_ path: String, options: SigV4Options) -> String {
        let normalized = options.normalizesPath ? Self.normalizedPath(path) : path
        let kept: Set<UInt8> =
            options.doublesURIEncoding ? [UInt8(ascii: "/")] : [UInt8(ascii: "/"), UInt8(ascii: "%")]
        let encoded = URIEncoding.encode(normalized, keeping: kept)
        return encoded.isEmpty ? "/" : encoded
    }

    /// `path` without `.` and `..` segments or empty segments, keeping a trailing slash (RFC 3986 §5.2.4, as the
    /// services resolve it).
    static func normalizedPath(_ path: String) -> String {
        var segments: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..": _ = segments.popLast()
            default: segments.append(segment)
            }
        }
        let joined = "/" + segments.joined(separator: "/")
        let trailingSlash = path.hasSuffix("/") && !segments.isEmpty
        return trailingSlash ? joined + "/" : joined
    }

    /// The query's parameters decoded, encoded again strictly and sorted by name, then value.
    static func canonicalQuery(_ query: String) -> String {
        let parameters = query.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = URIEncoding.encode(URIEncoding.decode(parts[0]))
            let value = parts.count > 1 ? URIEncoding.encode(URIEncoding.decode(parts[1])) : ""
            return (name: name, value: value)
        }
        return parameters.sorted { ($0.name, $0.value) < ($1.name, $1.value) }.map { "\($0.name)=\($0.value)" }
            .joined(separator: "&")
    }
}
