import Hashing

/// The canonical form of a request that SigV4 hashes and signs: method, path, query, headers, the names of the signed
/// headers and the payload hash, one per line. It is written as UTF-8 bytes into one buffer, which is hashed as it
/// stands: signing runs on every request, and building strings piece by piece cost more than the hashing. The
/// headers' lower-case names and their order are worked out in buffers on the stack.
struct CanonicalRequest {
    /// Headers never signed: they are set or changed on the way (by the client, a proxy or the tracing agent).
    static let unsignedHeaderNames: [StaticString] = [
        "authorization", "user-agent", "x-amzn-trace-id", "expect", "connection", "transfer-encoding",
    ]

    /// A header that is signed: the range of its lower-case name in a buffer of names, and its place in the request.
    private struct SignedHeader {
        let name: Range<Int>
        let index: Int
    }

    /// The whole canonical request, UTF-8.
    let bytes: [UInt8]
    /// Where in ``bytes`` the signed header names are: lower-case, sorted and joined with `;`.
    let signedHeadersRange: Range<Int>

    /// The signed header names, lower-case, sorted and joined with `;`.
    var signedHeaders: String {
        String(decoding: self.bytes[self.signedHeadersRange], as: UTF8.self)
    }

    /// The canonical form of `request` whose payload hash is `payloadHash` (hexadecimal, or `UNSIGNED-PAYLOAD`).
    init(_ request: SigV4Request, payloadHash: UnsafeRawBufferPointer, options: SigV4Options) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(
            request.headers.reduce(128 + request.method.utf8.count + request.path.utf8.count * 3) {
                $0 + $1.name.utf8.count * 2 + $1.value.utf8.count + 2
            } + request.query.utf8.count * 3 + payloadHash.count)
        bytes.append(contentsOf: request.method.utf8)
        bytes.append(UInt8(ascii: "\n"))
        Self.appendCanonicalPath(request.path, options: options, to: &bytes)
        bytes.append(UInt8(ascii: "\n"))
        if !request.query.isEmpty {
            bytes.append(contentsOf: Self.canonicalQuery(request.query).utf8)
        }
        bytes.append(UInt8(ascii: "\n"))
        let nameByteCount = request.headers.reduce(0) { $0 + $1.name.utf8.count }
        let signedHeadersRange = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: nameByteCount) { names in
            withUnsafeTemporaryAllocation(of: SignedHeader.self, capacity: request.headers.count) { signed in
                let signedCount = Self.lowerCaseSignedNames(of: request, into: names, signing: signed)
                return Self.appendHeaders(
                    of: request, names: UnsafeBufferPointer(names),
                    signed: UnsafeBufferPointer(rebasing: signed[..<signedCount]), to: &bytes)
            }
        }
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: payloadHash)
        self.bytes = bytes
        self.signedHeadersRange = signedHeadersRange
    }

    /// Writes the lower-case names of the headers that are signed one after another to `names`, and one
    /// ``SignedHeader`` for each to `signed`, sorted by name and then by their order in the request; returns how many
    /// headers are signed.
    private static func lowerCaseSignedNames(
        of request: SigV4Request, into names: UnsafeMutableBufferPointer<UInt8>,
        signing signed: UnsafeMutableBufferPointer<SignedHeader>
    ) -> Int {
        var nameCount = 0
        var signedCount = 0
        for (index, header) in request.headers.enumerated() {
            let start = nameCount
            var name = header.name
            name.withUTF8 { name in
                for offset in 0..<name.count {
                    names[start + offset] = SigV4HeaderName.lowerCased(name[offset])
                }
            }
            nameCount += name.utf8.count
            if Self.isUnsigned(UnsafeBufferPointer(rebasing: names[start..<nameCount])) {
                nameCount = start
                continue
            }
            signed.initializeElement(at: signedCount, to: SignedHeader(name: start..<nameCount, index: index))
            signedCount += 1
        }
        var sorted = UnsafeMutableBufferPointer(rebasing: signed[..<signedCount])
        sorted.sort { left, right in
            let leftName = UnsafeBufferPointer(rebasing: names[left.name])
            let rightName = UnsafeBufferPointer(rebasing: names[right.name])
            return leftName.elementsEqual(rightName)
                ? left.index < right.index : leftName.lexicographicallyPrecedes(rightName)
        }
        return signedCount
    }

    /// Appends the canonical headers (a name's values joined with `,`, in the request's order), a blank line and the
    /// signed header names to `bytes`; returns where the names are.
    private static func appendHeaders(
        of request: SigV4Request, names: UnsafeBufferPointer<UInt8>, signed: UnsafeBufferPointer<SignedHeader>,
        to bytes: inout [UInt8]
    ) -> Range<Int> {
        for (position, header) in signed.enumerated() {
            let name = UnsafeBufferPointer(rebasing: names[header.name])
            if position > 0, UnsafeBufferPointer(rebasing: names[signed[position - 1].name]).elementsEqual(name) {
                bytes.append(UInt8(ascii: ","))
            } else {
                if position > 0 { bytes.append(UInt8(ascii: "\n")) }
                bytes.append(contentsOf: name)
                bytes.append(UInt8(ascii: ":"))
            }
            Self.appendCanonicalValue(request.headers[header.index].value, to: &bytes)
        }
        if !signed.isEmpty { bytes.append(UInt8(ascii: "\n")) }
        bytes.append(UInt8(ascii: "\n"))
        let start = bytes.count
        for (position, header) in signed.enumerated() {
            let name = UnsafeBufferPointer(rebasing: names[header.name])
            if position > 0 {
                if UnsafeBufferPointer(rebasing: names[signed[position - 1].name]).elementsEqual(name) { continue }
                bytes.append(UInt8(ascii: ";"))
            }
            bytes.append(contentsOf: name)
        }
        return start..<bytes.count
    }

    /// The lengths of ``unsignedHeaderNames``, one bit each: most names are told apart from them by length alone.
    private static let unsignedNameLengths: UInt64 = Self.unsignedHeaderNames.reduce(0) {
        $0 | 1 << $1.utf8CodeUnitCount
    }

    /// Whether the lower-case header name `name` is one of ``unsignedHeaderNames``.
    private static func isUnsigned(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        guard name.count < 64, Self.unsignedNameLengths & 1 << name.count != 0 else { return false }
        return Self.unsignedHeaderNames.contains { unsigned in
            name.elementsEqual(UnsafeBufferPointer(start: unsigned.utf8Start, count: unsigned.utf8CodeUnitCount))
        }
    }

    /// Appends a header value trimmed, with every run of spaces, tabs and line breaks made one space.
    static func appendCanonicalValue(_ value: String, to output: inout [UInt8]) {
        var value = value
        value.withUTF8 { value in
            if Self.isCanonical(value) {
                output.append(contentsOf: value)
                return
            }
            var wroteAny = false
            var spaceDue = false
            for byte in value {
                if Self.isBlank(byte) {
                    spaceDue = wroteAny
                    continue
                }
                if spaceDue { output.append(UInt8(ascii: " ")) }
                spaceDue = false
                output.append(byte)
                wroteAny = true
            }
        }
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
            || byte == UInt8(ascii: "\r")
    }

    /// Whether `value` is already in its canonical form: no tab or line break, no space at either end or next to
    /// another. Most values are (a session token is hundreds of bytes), and are copied as they are.
    private static func isCanonical(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard Self.mayHoldBlanks(UnsafeRawBufferPointer(bytes)) else { return true }
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

    /// Whether `bytes` may hold a byte at or below the space (blanks are among them), looked for eight bytes at a
    /// time: `false` is certain, `true` means the bytes must be read one by one.
    private static func mayHoldBlanks(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        var offset = 0
        while offset + 8 <= bytes.count {
            let word = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            // Some byte is below 0x21 exactly when subtracting 0x21 from each borrows into a clear high bit.
            if (word &- ones &* 0x21) & ~word & (ones &* 0x80) != 0 { return true }
            offset += 8
        }
        return bytes[offset...].contains { $0 <= UInt8(ascii: " ") }
    }

    /// Appends the path, normalised if asked, encoded once more (all but S3) or with its escapes kept (S3).
    static func appendCanonicalPath(_ path: String, options: SigV4Options, to output: inout [UInt8]) {
        let normalized = options.normalizesPath && Self.mayNeedNormalizing(path) ? Self.normalizedPath(path) : path
        if normalized.isEmpty {
            output.append(UInt8(ascii: "/"))
        } else {
            URIEncoding.append(
                normalized, keeping: options.doublesURIEncoding ? .slash : [.slash, .percent], to: &output)
        }
    }

    /// Whether `path` may hold `.` or `..` segments, empty segments or no leading slash; a path without is its own
    /// normal form.
    private static func mayNeedNormalizing(_ path: String) -> Bool {
        var previous: UInt8 = 0
        for byte in path.utf8 {
            if byte == UInt8(ascii: ".") || (byte == UInt8(ascii: "/") && previous == UInt8(ascii: "/")) {
                return true
            }
            previous = byte
        }
        return path.utf8.first != UInt8(ascii: "/")
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
