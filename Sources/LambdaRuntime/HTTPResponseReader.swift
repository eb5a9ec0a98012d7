import NIOCore

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
/// Reads ahead into one buffer it keeps, so bytes of a response that arrive with the previous one are not lost. The
/// head may take at most ``maxHeadBytes`` and the body at most ``maxBodyBytes``; a response over either throws
/// ``HTTPWireError/Kind/tooLarge``, one that breaks the syntax ``HTTPWireError/Kind/malformed``.
package final class HTTPResponseReader {
    /// The largest status line and headers accepted, together; also the size of the read-ahead buffer.
    package static let maxHeadBytes = 64 * 1024
    /// The Runtime API's bound on a body: an event is at most ``LambdaLimits/maxEventBytes``, with room for what a
    /// faithful API adds.
    package static let runtimeAPIMaxBodyBytes = LambdaLimits.maxEventBytes + 2 * 1024 * 1024

    /// The largest body accepted.
    package let maxBodyBytes: Int

    private static let versionPrefix: [UInt8] = Array("HTTP/1.".utf8)

    private let buffer = UnsafeMutableRawBufferPointer.allocate(
        byteCount: HTTPResponseReader.maxHeadBytes, alignment: 1)
    /// The buffered bytes not consumed yet are `buffer[start..<end]`.
    private var start = 0
    private var end = 0

    /// A reader of bodies of at most `maxBodyBytes`.
    package init(maxBodyBytes: Int = HTTPResponseReader.runtimeAPIMaxBodyBytes) {
        self.maxBodyBytes = maxBodyBytes
    }

    deinit {
        self.buffer.deallocate()
    }

    /// Forgets what was read ahead, for a new connection.
    package func reset() {
        self.start = 0
        self.end = 0
    }

    /// Reads the next whole response.
    /// - Returns: `nil` when the stream ended before the response's first byte (the server closed an idle
    ///   keep-alive connection).
    package func readResponse(from source: some ByteSource) throws(HTTPWireError) -> ReceivedHTTPResponse? {
        if self.start == self.end, try self.fill(from: source) == 0 { return nil }
        while true {
            let head = try self.readHead(from: source)
            // An interim answer (`100 Continue`) is followed by the real one.
            if (100..<200).contains(head.status) { continue }
            let body = try self.readBody(of: head, from: source)
            return ReceivedHTTPResponse(
                status: head.status, headers: head.headers, body: body, keepsConnection: head.keepsConnection)
        }
    }

    private struct Head {
        var status: Int
        var headers: ReceivedHTTPHeaders
        var keepsConnection: Bool
    }

    private func readHead(from source: some ByteSource) throws(HTTPWireError) -> Head {
        let statusLine = self.bytes(try self.readLine(from: source, limit: Self.maxHeadBytes))
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
        var headers = ReceivedHTTPHeaders()
        var headBytes = statusLine.count + 2
        while true {
            // The line's bytes stay in the buffer only until the next read: its name and value are copied out first.
            let line = self.bytes(try self.readLine(from: source, limit: Self.maxHeadBytes - headBytes))
            headBytes += line.count + 2
            if line.isEmpty { break }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > 0 else {
                throw Self.malformed("a header line has no name")
            }
            headers.append(
                name: String(decoding: line[..<colon], as: UTF8.self),
                value: String(decoding: HTTPSyntax.trimmed(line[(colon + 1)...]), as: UTF8.self)
            )
        }
        let connection = headers.first(name: "connection")?.lowercased()
        let keepsConnection = isHTTP10 ? connection == "keep-alive" : connection != "close"
        return Head(status: status, headers: headers, keepsConnection: keepsConnection)
    }

    private func readBody(of head: Head, from source: some ByteSource) throws(HTTPWireError) -> ByteBuffer {
        if let coding = head.headers.first(name: "transfer-encoding") {
            guard coding.lowercased().hasSuffix("chunked") else {
                throw Self.malformed("its transfer coding '\(coding)' is not supported")
            }
            return try self.readChunkedBody(from: source)
        }
        if let lengthText = head.headers.first(name: "content-length") {
            guard let length = Int(lengthText), length >= 0 else {
                throw Self.malformed("its Content-Length is '\(lengthText)'")
            }
            guard length <= self.maxBodyBytes else { throw self.tooLarge() }
            var body = ByteBuffer()
            try self.copy(length, into: &body, from: source)
            return body
        }
        if head.status == 204 || head.status == 304 { return ByteBuffer() }
        guard !head.keepsConnection else {
            throw Self.malformed("it has neither a Content-Length nor a chunked body on a kept connection")
        }
        var body = ByteBuffer()
        while true {
            body.writeBytes(UnsafeRawBufferPointer(rebasing: self.buffer[self.start..<self.end]))
            self.start = self.end
            guard body.readableBytes <= self.maxBodyBytes else { throw self.tooLarge() }
            if try self.fill(from: source) == 0 { return body }
        }
    }

    private func readChunkedBody(from source: some ByteSource) throws(HTTPWireError) -> ByteBuffer {
        var body = ByteBuffer()
        while true {
            let sizeLine = self.bytes(try self.readLine(from: source, limit: 1024))
            guard let size = HTTPSyntax.chunkSize(sizeLine[...]) else {
                throw Self.malformed("a chunk size is '\(String(decoding: sizeLine.prefix(40), as: UTF8.self))'")
            }
            if size == 0 { break }
            guard size <= self.maxBodyBytes - body.readableBytes else { throw self.tooLarge() }
            try self.copy(size, into: &body, from: source)
            guard try self.readLine(from: source, limit: 2).isEmpty else {
                throw Self.malformed("a chunk is longer than its size")
            }
        }
        // Trailer fields, if any, up to the empty line; their values are not used.
        var trailerBytes = 0
        while true {
            let line = try self.readLine(from: source, limit: Self.maxHeadBytes - trailerBytes)
            trailerBytes += line.count + 2
            if line.isEmpty { return body }
        }
    }

    /// Moves `count` bytes into `body`, reading as needed.
    private func copy(_ count: Int, into body: inout ByteBuffer, from source: some ByteSource)
        throws(HTTPWireError)
    {
        body.reserveCapacity(minimumWritableBytes: count)
        var remaining = count
        while remaining > 0 {
            if self.start == self.end, try self.fill(from: source) == 0 { throw Self.truncated() }
            let taken = min(remaining, self.end - self.start)
            body.writeBytes(UnsafeRawBufferPointer(rebasing: self.buffer[self.start..<(self.start + taken)]))
            self.start += taken
            remaining -= taken
        }
    }

    /// Where the next line lies in the buffer, without its CRLF, of at most `limit` bytes: valid until the next read.
    private func readLine(from source: some ByteSource, limit: Int) throws(HTTPWireError) -> Range<Int> {
        var searched = self.start
        while true {
            let buffered = UnsafeRawBufferPointer(rebasing: self.buffer[searched..<self.end])
            if let newline = buffered.firstIndex(of: UInt8(ascii: "\n")) {
                let lineEnd = searched + newline
                guard lineEnd > self.start, self.buffer[lineEnd - 1] == UInt8(ascii: "\r") else {
                    throw Self.malformed("a line does not end with CRLF")
                }
                let line = self.start..<(lineEnd - 1)
                self.start = lineEnd + 1
                return line
            }
            guard self.end - self.start < limit + 2 else {
                throw HTTPWireError(.tooLarge, "The response's head is over \(limit) bytes")
            }
            searched = self.end
            let before = self.start
            if try self.fill(from: source) == 0 { throw Self.truncated() }
            searched -= before - self.start
        }
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
            let count = self.end - self.start
            self.buffer.baseAddress!.copyMemory(from: self.buffer.baseAddress! + self.start, byteCount: count)
            self.start = 0
            self.end = count
        }
        guard self.end < self.buffer.count else {
            throw HTTPWireError(.tooLarge, "The response's head is over \(Self.maxHeadBytes) bytes")
        }
        let count = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: self.buffer[self.end...]))
        self.end += count
        return count
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
