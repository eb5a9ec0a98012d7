import LambdaRuntime
import NIOCore

/// Reads HTTP/1.1 requests from a Runtime API connection's bytes as they arrive, one after another: the request line,
/// the headers the Runtime API needs (names in any case), and a body framed by `Content-Length` or by
/// `Transfer-Encoding: chunked`. Anything else is refused, never guessed at: a head over ``maxHeadBytes``, a line not
/// ending in CRLF, a header without a name or with a control byte, a folded header, a length that is not digits or
/// disagrees with another, a transfer coding other than chunked, or both framings at once (RFC 9112's request
/// smuggling cases).
///
/// It works on the connection's own buffer of received bytes and takes what it reads from it: a body that arrived
/// whole is a slice of that buffer, not a copy.
struct RuntimeAPIRequestReader {
    /// What reading the buffer produced.
    enum Event: Sendable {
        /// The client waits for `100 Continue` before it sends the body (`Expect: 100-continue`).
        case continueExpected
        case request(RuntimeAPIHTTPRequest)
    }

    /// The request's bytes break HTTP/1.1; `reason` says how.
    struct Malformed: Error, Equatable {
        var reason: String
    }

    /// The largest request line and headers accepted, together; also the bound of a chunk's size line and of the
    /// trailers.
    static let maxHeadBytes = 64 * 1024
    /// The most of a body kept: Lambda's response limit. Bytes past it are counted, so the report can say how many.
    static let maxKeptBodyBytes = LambdaLimits.maxResponseBytes

    private enum State {
        case head
        case body(RuntimeAPIHTTPRequest, remaining: Int)
        case chunkSize(RuntimeAPIHTTPRequest)
        case chunkData(RuntimeAPIHTTPRequest, remaining: Int)
        case chunkEnd(RuntimeAPIHTTPRequest)
        case trailers(RuntimeAPIHTTPRequest)
    }

    private var state = State.head
    /// Where the lines of the head, a chunk's size or the trailers have been scanned to, so that bytes arriving a few
    /// at a time are not scanned again.
    private var lines = HTTPLineScanner(limit: Self.maxHeadBytes)

    /// Reads the next event from `buffer`, taking the bytes it reads; `nil` when it needs more bytes first.
    mutating func next(from buffer: inout ByteBuffer) throws(Malformed) -> Event? {
        while true {
            switch self.state {
            case .head:
                guard let length = try self.lines.scan(buffer, through: .emptyLine) else { return nil }
                let head = try buffer.withUnsafeReadableBytes { bytes throws(Malformed) in
                    try Self.head(of: UnsafeRawBufferPointer(rebasing: bytes[..<length]))
                }
                buffer.moveReaderIndex(forwardBy: length)
                if head.chunked {
                    self.state = .chunkSize(head.request)
                } else if let length = head.contentLength, length > 0 {
                    self.state = .body(head.request, remaining: length)
                } else {
                    return .request(head.request)
                }
                if head.expectsContinue { return .continueExpected }
            case .body(var request, let remaining):
                if request.size == 0, buffer.readableBytes >= remaining, remaining <= Self.maxKeptBodyBytes {
                    // The common case: the whole body is here, and is taken as it lies.
                    request.body = buffer.readSlice(length: remaining)!
                    request.size = remaining
                    self.state = .head
                    return .request(request)
                }
                guard buffer.readableBytes > 0 else { return nil }
                let taken = Self.take(from: &buffer, upTo: remaining, into: &request)
                guard taken == remaining else {
                    self.state = .body(request, remaining: remaining - taken)
                    return nil
                }
                self.state = .head
                return .request(request)
            case .chunkSize(let request):
                guard let length = try self.lines.scan(buffer, through: .lineEnd) else { return nil }
                let size = try buffer.withUnsafeReadableBytes { bytes throws(Malformed) in
                    guard let size = HTTPSyntax.chunkSize(bytes[..<(length - 2)]) else {
                        throw Malformed(reason: "a chunk's size is not hexadecimal")
                    }
                    return size
                }
                buffer.moveReaderIndex(forwardBy: length)
                self.state = size == 0 ? .trailers(request) : .chunkData(request, remaining: size)
            case .chunkData(var request, let remaining):
                guard buffer.readableBytes > 0 else { return nil }
                let taken = Self.take(from: &buffer, upTo: remaining, into: &request)
                self.state = taken == remaining ? .chunkEnd(request) : .chunkData(request, remaining: remaining - taken)
            case .chunkEnd(let request):
                guard buffer.readableBytes >= 2 else { return nil }
                guard buffer.readInteger(as: UInt16.self) == 0x0D0A else {
                    throw Malformed(reason: "a chunk's data is not followed by CRLF")
                }
                self.state = .chunkSize(request)
            case .trailers(let request):
                // Trailer fields carry nothing the Runtime API reads: their lines are checked and skipped.
                guard let length = try self.lines.scan(buffer, through: .emptyLine) else { return nil }
                buffer.moveReaderIndex(forwardBy: length)
                self.state = .head
                return .request(request)
            }
        }
    }

    /// Moves up to `count` bytes of `buffer` into the request's body, as far as the kept limit allows, counting them
    /// all. Returns how many it took.
    private static func take(
        from buffer: inout ByteBuffer, upTo count: Int, into request: inout RuntimeAPIHTTPRequest
    ) -> Int {
        let taken = min(count, buffer.readableBytes)
        let kept = min(taken, max(0, Self.maxKeptBodyBytes - request.size))
        if kept > 0 {
            var bytes = buffer.getSlice(at: buffer.readerIndex, length: kept)!
            request.body.writeBuffer(&bytes)
        }
        buffer.moveReaderIndex(forwardBy: taken)
        request.size += taken
        return taken
    }

    // MARK: - The head

    private struct Head {
        var request: RuntimeAPIHTTPRequest
        var contentLength: Int?
        var chunked = false
        var expectsContinue = false
    }

    /// The request line and headers of `bytes`: lines, each ending in CRLF (the line scanner saw to that), the
    /// first empty one ending the head. The lines are read where they lie, one after another.
    private static func head(of bytes: UnsafeRawBufferPointer) throws(Malformed) -> Head {
        var lineStart = 0
        /// The next line without its CRLF, or `nil` at the empty line. (A carriage return inside a line stays in it,
        /// to be refused as a control byte.)
        func nextLine() -> Slice<UnsafeRawBufferPointer>? {
            var lineFeed = lineStart
            while bytes[lineFeed] != UInt8(ascii: "\n") { lineFeed += 1 }
            defer { lineStart = lineFeed + 1 }
            return lineFeed - 1 == lineStart ? nil : bytes[lineStart..<(lineFeed - 1)]
        }
        guard let requestLine = nextLine() else { throw Malformed(reason: "the request line is empty") }
        var head = Head(request: try Self.request(requestLine))
        var connection = ConnectionOptions()
        while let field = nextLine() {
            guard let colon = field.firstIndex(of: UInt8(ascii: ":")), colon > field.startIndex,
                field[..<colon].allSatisfy(HTTPSyntax.isTokenByte)
            else { throw Malformed(reason: "a header line is not `name: value`") }
            let value = HTTPSyntax.trimmed(field[(colon + 1)...])
            guard value.allSatisfy({ ($0 >= 0x20 && $0 != 0x7F) || $0 == 0x09 }) else {
                throw Malformed(reason: "a header value has a control byte")
            }
            switch RuntimeAPIRequestHeader(name: field[..<colon]) {
            case .contentLength:
                let length = try Self.contentLength(value)
                guard head.contentLength == nil || head.contentLength == length else {
                    throw Malformed(reason: "two Content-Length headers disagree")
                }
                head.contentLength = length
            case .transferEncoding:
                guard !head.chunked, RuntimeAPIRequestHeader.equalIgnoringCase(value, "chunked") else {
                    throw Malformed(reason: "the only transfer coding taken is chunked, once")
                }
                head.chunked = true
            case .connection:
                connection.read(value)
            case .expect:
                head.expectsContinue = RuntimeAPIRequestHeader.equalIgnoringCase(value, "100-continue")
            case .functionErrorType:
                head.request.functionErrorType = String(decoding: value, as: UTF8.self)
            case nil:
                break
            }
        }
        guard !(head.chunked && head.contentLength != nil) else {
            throw Malformed(reason: "a request has both Content-Length and Transfer-Encoding")
        }
        if connection.close {
            head.request.keepAlive = false
        } else if connection.keepAlive {
            head.request.keepAlive = true
        }
        return head
    }

    /// The request of a request line, `method target HTTP/1.x` with one space between each, before its headers.
    private static func request(_ line: Slice<UnsafeRawBufferPointer>) throws(Malformed) -> RuntimeAPIHTTPRequest {
        guard let methodEnd = line.firstIndex(of: UInt8(ascii: " ")),
            let targetEnd = line[(methodEnd + 1)...].firstIndex(of: UInt8(ascii: " ")),
            methodEnd > line.startIndex, targetEnd > methodEnd + 1,
            line[..<methodEnd].allSatisfy(HTTPSyntax.isTokenByte),
            line[(methodEnd + 1)..<targetEnd].allSatisfy({ $0 > 0x20 && $0 != 0x7F })
        else { throw Malformed(reason: "the request line is not `method target HTTP/1.x`") }
        let version = line[(targetEnd + 1)...]
        guard version.count == 8, version.starts(with: "HTTP/1.".utf8),
            let minor = version.last, minor == UInt8(ascii: "0") || minor == UInt8(ascii: "1")
        else { throw Malformed(reason: "the version is not HTTP/1.0 or HTTP/1.1") }
        return RuntimeAPIHTTPRequest(
            method: String(decoding: line[..<methodEnd], as: UTF8.self),
            target: String(decoding: line[(methodEnd + 1)..<targetEnd], as: UTF8.self),
            keepAlive: minor == UInt8(ascii: "1"), functionErrorType: nil, body: ByteBuffer(), size: 0)
    }

    /// The options of `Connection` headers that decide whether the connection stays open.
    private struct ConnectionOptions {
        var close = false
        var keepAlive = false

        mutating func read(_ value: Slice<UnsafeRawBufferPointer>) {
            for option in value.split(separator: UInt8(ascii: ",")) {
                let option = HTTPSyntax.trimmed(option)
                if RuntimeAPIRequestHeader.equalIgnoringCase(option, "close") { self.close = true }
                if RuntimeAPIRequestHeader.equalIgnoringCase(option, "keep-alive") { self.keepAlive = true }
            }
        }
    }

    private static func contentLength(_ value: Slice<UnsafeRawBufferPointer>) throws(Malformed) -> Int {
        guard !value.isEmpty, value.count <= 18,
            value.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else { throw Malformed(reason: "Content-Length is not a number") }
        return value.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }
}
