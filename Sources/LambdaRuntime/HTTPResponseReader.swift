import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where an ``HTTPResponseReader`` reads its bytes from: a socket, a TLS session over one, or a test's scripted pieces.
package protocol ByteSource {
    /// Reads what is available into `buffer`, blocking until something is.
    /// - Returns: how many bytes were read; 0 at the end of the stream.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(HTTPWireError) -> Int
}

extension BlockingSocket: ByteSource {}

/// Reads HTTP/1.1 responses from a byte stream, one after another: the status line, the headers (names in any case),
/// and a body framed by `Content-Length`, by `Transfer-Encoding: chunked`, or by the end of the connection.
///
/// Bytes come in one of two ways. A blocking connection hands its socket to ``readResponse(from:)``, which reads until
/// a response is whole. A connection on an event loop, which is given bytes as they arrive, ``append(_:)``s them and
/// asks ``nextResponse(atEndOfStream:)`` for a response. Both run the same steps, which remember how far the response
/// in progress has been read (its head's checked lines, its body's remaining length or chunk), so that no byte is
/// read twice however the stream is cut.
///
/// Bytes of a response that arrive with the previous one are kept for it. The head may take at most ``maxHeadBytes``
/// and the body at most ``maxBodyBytes``; a response over either throws ``HTTPWireError/Kind/tooLarge``, one that
/// breaks the syntax ``HTTPWireError/Kind/malformed``, and a stream that ends inside one ``HTTPWireError/Kind/closed``.
package final class HTTPResponseReader {
    /// The largest status line and headers accepted, together; also the size of the read-ahead buffer.
    package static let maxHeadBytes = 64 * 1024
    /// The Runtime API's bound on a body: an event is at most ``LambdaLimits/maxEventBytes``, with room for what a
    /// faithful API adds.
    package static let runtimeAPIMaxBodyBytes = LambdaLimits.maxEventBytes + 2 * 1024 * 1024
    /// The longest chunk-size line accepted (its extensions included).
    private static let maxChunkSizeLineBytes = 1024

    /// The largest body accepted.
    package let maxBodyBytes: Int

    private static let versionPrefix: [UInt8] = Array("HTTP/1.".utf8)

    /// What the response in progress waits for next.
    private enum Stage {
        /// Its head; the first `checkedBytes` bytes after `start` are whole lines of it, each ending in CRLF.
        case head(checkedBytes: Int)
        /// `remaining` more bytes of a body framed by its `Content-Length`.
        case lengthFramedBody(remaining: Int)
        /// A chunk-size line.
        case chunkSize
        /// `remaining` more bytes of a chunk.
        case chunkData(remaining: Int)
        /// The CRLF that ends a chunk.
        case chunkEnd
        /// A trailer line or the empty line that ends the body; `bytes` of trailers have been read.
        case trailers(bytes: Int)
        /// The rest of the stream.
        case bodyUntilClose
    }

    /// What one run of the steps came to.
    private enum Step {
        case response(ReceivedHTTPResponse)
        case needsBytes
        /// The stream ended before a response's first byte.
        case streamEnded
    }

    private struct Head {
        var status: Int
        var headers: ReceivedHTTPHeaders
        var keepsConnection: Bool
    }

    private let buffer = UnsafeMutableRawBufferPointer.allocate(
        byteCount: HTTPResponseReader.maxHeadBytes, alignment: 1)
    /// The buffered bytes not consumed yet are `buffer[start..<end]`.
    private var start = 0
    private var end = 0
    private var stage = Stage.head(checkedBytes: 0)
    /// The head of the response whose body is being read.
    private var head: Head?
    private var body = ByteBuffer()

    /// A reader of bodies of at most `maxBodyBytes`.
    package init(maxBodyBytes: Int = HTTPResponseReader.runtimeAPIMaxBodyBytes) {
        self.maxBodyBytes = maxBodyBytes
    }

    deinit {
        self.buffer.deallocate()
    }

    /// Forgets what was read ahead and any response in progress, for a new connection.
    package func reset() {
        self.start = 0
        self.end = 0
        self.stage = .head(checkedBytes: 0)
        self.head = nil
        self.body = ByteBuffer()
    }

    /// Reads the next whole response from `source`, blocking on it until the response is whole.
    /// - Returns: `nil` when the stream ended before the response's first byte (the server closed an idle
    ///   keep-alive connection).
    package func readResponse(from source: some ByteSource) throws(HTTPWireError) -> ReceivedHTTPResponse? {
        var atEndOfStream = false
        while true {
            switch try self.advance(atEndOfStream: atEndOfStream) {
            case .response(let response): return response
            case .streamEnded: return nil
            case .needsBytes: atEndOfStream = try self.fill(from: source) == 0
            }
        }
    }

    /// Takes bytes that arrived, as many as the buffer has room for: all of them, unless a head or a line in
    /// progress fills it (``nextResponse(atEndOfStream:)`` then consumes or refuses what is buffered).
    /// - Returns: how many bytes were taken.
    package func append(_ bytes: UnsafeRawBufferPointer) -> Int {
        if self.start == self.end {
            self.start = 0
            self.end = 0
        } else if bytes.count > self.buffer.count - self.end, self.start > 0 {
            self.moveBufferedBytesToTheFront()
        }
        let count = min(bytes.count, self.buffer.count - self.end)
        guard count > 0 else { return 0 }
        (self.buffer.baseAddress! + self.end).copyMemory(from: bytes.baseAddress!, byteCount: count)
        self.end += count
        return count
    }

    /// The next response among the bytes appended, once they hold all of it; at the end of the stream, a response
    /// whose body runs to it.
    /// - Returns: `nil` while more bytes are needed, or at the end of a stream that held no further response.
    package func nextResponse(atEndOfStream: Bool = false) throws(HTTPWireError) -> ReceivedHTTPResponse? {
        guard case .response(let response) = try self.advance(atEndOfStream: atEndOfStream) else { return nil }
        return response
    }

    /// How many bytes are buffered past the responses read: a server that sent more than it was asked for.
    package var unreadByteCount: Int { self.end - self.start }

    /// Reads what the buffered bytes allow of the response in progress.
    private func advance(atEndOfStream: Bool) throws(HTTPWireError) -> Step {
        while true {
            switch self.stage {
            case .head(let checkedBytes):
                guard let headEnd = try self.headEnd(checkedBytes: checkedBytes) else {
                    guard atEndOfStream else { return .needsBytes }
                    if self.start == self.end { return .streamEnded }
                    throw Self.truncated()
                }
                let head = try self.parseHead(self.start..<headEnd)
                self.start = headEnd
                self.stage = .head(checkedBytes: 0)
                // An interim answer (`100 Continue`) is followed by the real one.
                if (100..<200).contains(head.status) { continue }
                if let response = try self.beginBody(of: head) { return .response(response) }
            case .lengthFramedBody(let remaining):
                let left = self.moveToBody(remaining)
                if left == 0 { return .response(self.finish()) }
                self.stage = .lengthFramedBody(remaining: left)
                if atEndOfStream { throw Self.truncated() }
                return .needsBytes
            case .chunkSize:
                guard let line = try self.nextLine(limit: Self.maxChunkSizeLineBytes) else {
                    return try self.needsBytes(atEndOfStream)
                }
                guard let size = HTTPSyntax.chunkSize(self.bytes(line)[...]) else {
                    throw Self.malformed(
                        "a chunk size is '\(String(decoding: self.bytes(line).prefix(40), as: UTF8.self))'")
                }
                guard size <= self.maxBodyBytes - self.body.readableBytes else { throw self.tooLarge() }
                self.stage = size == 0 ? .trailers(bytes: 0) : .chunkData(remaining: size)
            case .chunkData(let remaining):
                let left = self.moveToBody(remaining)
                self.stage = left == 0 ? .chunkEnd : .chunkData(remaining: left)
                if left > 0 { return try self.needsBytes(atEndOfStream) }
            case .chunkEnd:
                guard self.end - self.start >= 2 else { return try self.needsBytes(atEndOfStream) }
                guard self.buffer[self.start] == UInt8(ascii: "\r"), self.buffer[self.start + 1] == UInt8(ascii: "\n")
                else { throw Self.malformed("a chunk is longer than its size") }
                self.start += 2
                self.stage = .chunkSize
            case .trailers(let bytes):
                // Trailer fields, if any, up to the empty line; their values are not used.
                guard let line = try self.nextLine(limit: Self.maxHeadBytes - bytes) else {
                    return try self.needsBytes(atEndOfStream)
                }
                if line.isEmpty { return .response(self.finish()) }
                self.stage = .trailers(bytes: bytes + line.count + 2)
            case .bodyUntilClose:
                self.body.writeBytes(UnsafeRawBufferPointer(rebasing: self.buffer[self.start..<self.end]))
                self.start = self.end
                guard self.body.readableBytes <= self.maxBodyBytes else { throw self.tooLarge() }
                return atEndOfStream ? .response(self.finish()) : .needsBytes
            }
        }
    }

    /// `.needsBytes`, or the failure of a stream that ended in the middle of a response.
    private func needsBytes(_ atEndOfStream: Bool) throws(HTTPWireError) -> Step {
        if atEndOfStream { throw Self.truncated() }
        return .needsBytes
    }

    /// Where the head that starts at `start` ends (just past its empty line), once all of it is buffered; checks
    /// each line's CRLF on the way and remembers how far it got.
    private func headEnd(checkedBytes: Int) throws(HTTPWireError) -> Int? {
        var lineStart = self.start + checkedBytes
        while let newline = self.firstNewline(from: lineStart) {
            guard newline > lineStart, self.buffer[newline - 1] == UInt8(ascii: "\r") else {
                throw Self.malformed("a line does not end with CRLF")
            }
            // The empty line ends the head (an empty status line is refused when the head is read).
            if newline == lineStart + 1 { return newline + 1 }
            lineStart = newline + 1
        }
        guard self.end - self.start < Self.maxHeadBytes else {
            throw HTTPWireError(.tooLarge, "The response's head is over \(Self.maxHeadBytes) bytes")
        }
        self.stage = .head(checkedBytes: lineStart - self.start)
        return nil
    }

    /// The status line and header fields in `range`, a whole head with its CRLFs.
    private func parseHead(_ range: Range<Int>) throws(HTTPWireError) -> Head {
        var lineStart = range.lowerBound
        // Each line ends in CRLF: the head ends with the empty line's.
        func nextLine() -> UnsafeRawBufferPointer {
            let newline = self.firstNewline(from: lineStart)!
            defer { lineStart = newline + 1 }
            return self.bytes(lineStart..<(newline - 1))
        }
        let statusLine = nextLine()
        // "HTTP/1.1 200 OK": the version, a space, three digits, and an optional reason.
        let digits = statusLine.dropFirst(9).prefix(3)
        guard statusLine.starts(with: Self.versionPrefix), statusLine.count >= 12,
            statusLine[8] == UInt8(ascii: " "),
            digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            statusLine.count == 12 || statusLine[12] == UInt8(ascii: " ")
        else {
            throw Self.malformed("its status line is '\(String(decoding: statusLine.prefix(80), as: UTF8.self))'")
        }
        let status = digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        let isHTTP10 = statusLine[7] == UInt8(ascii: "0")
        var headers = ReceivedHTTPHeaders(reservingBytes: range.count)
        while true {
            let line = nextLine()
            if line.isEmpty { break }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > 0 else {
                throw Self.malformed("a header line has no name")
            }
            headers.append(
                name: UnsafeRawBufferPointer(rebasing: line[..<colon]),
                value: UnsafeRawBufferPointer(rebasing: HTTPSyntax.trimmed(line[(colon + 1)...]))
            )
        }
        let connection = headers.first(name: "connection")?.lowercased()
        let keepsConnection = isHTTP10 ? connection == "keep-alive" : connection != "close"
        return Head(status: status, headers: headers, keepsConnection: keepsConnection)
    }

    /// Chooses how the body of the response with `head` is framed.
    /// - Returns: the response, when it has no body.
    private func beginBody(of head: Head) throws(HTTPWireError) -> ReceivedHTTPResponse? {
        self.head = head
        self.body = ByteBuffer()
        if let coding = head.headers.first(name: "transfer-encoding") {
            guard coding.lowercased().hasSuffix("chunked") else {
                throw Self.malformed("its transfer coding '\(coding)' is not supported")
            }
            self.stage = .chunkSize
            return nil
        }
        if let lengthText = head.headers.first(name: "content-length") {
            guard let length = Int(lengthText), length >= 0 else {
                throw Self.malformed("its Content-Length is '\(lengthText)'")
            }
            guard length <= self.maxBodyBytes else { throw self.tooLarge() }
            if length == 0 { return self.finish() }
            self.body.reserveCapacity(length)
            self.stage = .lengthFramedBody(remaining: length)
            return nil
        }
        if head.status == 204 || head.status == 304 { return self.finish() }
        guard !head.keepsConnection else {
            throw Self.malformed("it has neither a Content-Length nor a chunked body on a kept connection")
        }
        self.stage = .bodyUntilClose
        return nil
    }

    /// The response whose head and body were read; the reader then waits for the next one's head.
    private func finish() -> ReceivedHTTPResponse {
        let head = self.head!
        let response = ReceivedHTTPResponse(
            status: head.status, headers: head.headers, body: self.body, keepsConnection: head.keepsConnection)
        self.head = nil
        self.body = ByteBuffer()
        self.stage = .head(checkedBytes: 0)
        return response
    }

    /// Moves up to `count` buffered bytes to the body.
    /// - Returns: how many of `count` are still to come.
    private func moveToBody(_ count: Int) -> Int {
        let taken = min(count, self.end - self.start)
        self.body.writeBytes(UnsafeRawBufferPointer(rebasing: self.buffer[self.start..<(self.start + taken)]))
        self.start += taken
        return count - taken
    }

    /// The next buffered line, without its CRLF, of at most `limit` bytes, consumed; `nil` until all of it is
    /// buffered. Its bytes stay valid until the buffer is next written.
    private func nextLine(limit: Int) throws(HTTPWireError) -> Range<Int>? {
        guard let newline = self.firstNewline(from: self.start) else {
            // A line that fills the buffer can never end in it.
            guard self.end - self.start < min(limit + 2, self.buffer.count) else {
                throw HTTPWireError(.tooLarge, "A line of the response is over \(limit) bytes")
            }
            return nil
        }
        guard newline > self.start, self.buffer[newline - 1] == UInt8(ascii: "\r") else {
            throw Self.malformed("a line does not end with CRLF")
        }
        let line = self.start..<(newline - 1)
        self.start = newline + 1
        return line
    }

    /// The index of the first buffered `\n` at or after `index`. (`memchr`: every line of every head is looked
    /// through twice, to find where the head ends and then to read it, on every Runtime API exchange.)
    private func firstNewline(from index: Int) -> Int? {
        guard index < self.end,
            let found = memchr(self.buffer.baseAddress! + index, Int32(UInt8(ascii: "\n")), self.end - index)
        else { return nil }
        return UnsafeRawPointer(found) - UnsafeRawPointer(self.buffer.baseAddress!)
    }

    /// The buffered bytes in `range`, indexed from 0.
    private func bytes(_ range: Range<Int>) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: self.buffer[range])
    }

    /// Reads more bytes after the buffered ones, first moving these to the front when the buffer's end is reached.
    /// - Returns: how many bytes were read; 0 at the end of the stream.
    private func fill(from source: some ByteSource) throws(HTTPWireError) -> Int {
        if self.start == self.end {
            self.start = 0
            self.end = 0
        } else if self.end == self.buffer.count {
            self.moveBufferedBytesToTheFront()
        }
        guard self.end < self.buffer.count else {
            throw HTTPWireError(.tooLarge, "The response's head is over \(Self.maxHeadBytes) bytes")
        }
        let count = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: self.buffer[self.end...]))
        self.end += count
        return count
    }

    private func moveBufferedBytesToTheFront() {
        let count = self.end - self.start
        self.buffer.baseAddress!.copyMemory(from: self.buffer.baseAddress! + self.start, byteCount: count)
        self.start = 0
        self.end = count
    }

    private static func malformed(_ reason: String) -> HTTPWireError {
        HTTPWireError(.malformed, "The response is malformed: \(reason)")
    }

    private static func truncated() -> HTTPWireError {
        HTTPWireError(.closed, "The connection closed in the middle of a response")
    }

    private func tooLarge() -> HTTPWireError {
        HTTPWireError(.tooLarge, "The response's body is over \(self.maxBodyBytes) bytes")
    }
}
