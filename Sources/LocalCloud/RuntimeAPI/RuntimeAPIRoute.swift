/// The Runtime API endpoint a request asks for, read from its method and path (a query string is ignored).
enum RuntimeAPIRoute: Equatable, Sendable {
    /// `GET /2018-06-01/runtime/invocation/next`
    case next
    /// `POST /2018-06-01/runtime/invocation/{requestID}/response`
    case response(requestID: String)
    /// `POST /2018-06-01/runtime/invocation/{requestID}/error`
    case error(requestID: String)
    /// `POST /2018-06-01/runtime/init/error`
    case initError

    /// The endpoint of `method` and `target`, or `nil` when the Runtime API has none there. It compares the bytes
    /// of both where they lie: the request ID is the only string it makes.
    init?(method: String, target: String) {
        var method = method
        var target = target
        guard
            let route = method.withUTF8({ method in
                target.withUTF8 { target in Self.route(method: method, target: target) }
            })
        else { return nil }
        self = route
    }

    private static func route(method: UnsafeBufferPointer<UInt8>, target: UnsafeBufferPointer<UInt8>) -> Self? {
        var path = PathReader(target.prefix { $0 != UInt8(ascii: "?") })
        guard path.take("/2018-06-01/runtime/") else { return nil }
        if Self.equal(method, "GET") {
            return path.take("invocation/next") && path.isAtEnd ? .next : nil
        }
        guard Self.equal(method, "POST") else { return nil }
        if path.take("init/error") {
            return path.isAtEnd ? .initError : nil
        }
        guard path.take("invocation/"), let requestID = path.takeSegment() else { return nil }
        if path.take("response"), path.isAtEnd { return .response(requestID: requestID) }
        if path.take("error"), path.isAtEnd { return .error(requestID: requestID) }
        return nil
    }

    private static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
        var reader = PathReader(bytes[...])
        return reader.take(literal) && reader.isAtEnd
    }

    /// Reads bytes (a path, a method) from their start, piece by piece.
    private struct PathReader {
        private let bytes: Slice<UnsafeBufferPointer<UInt8>>
        private var position: Int

        init(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) {
            self.bytes = bytes
            self.position = bytes.startIndex
        }

        var isAtEnd: Bool { self.position == self.bytes.endIndex }

        /// Moves past `literal` when the path goes on with it.
        mutating func take(_ literal: StaticString) -> Bool {
            let count = literal.utf8CodeUnitCount
            guard self.bytes.endIndex - self.position >= count else { return false }
            for offset in 0..<count where self.bytes[self.position + offset] != literal.utf8Start[offset] {
                return false
            }
            self.position += count
            return true
        }

        /// The non-empty segment up to the next `/`, moving past both; `nil` when there is none.
        mutating func takeSegment() -> String? {
            let rest = self.bytes[self.position...]
            guard let slash = rest.firstIndex(of: UInt8(ascii: "/")), slash > self.position else { return nil }
            defer { self.position = slash + 1 }
            return String(decoding: rest[..<slash], as: UTF8.self)
        }
    }
}
