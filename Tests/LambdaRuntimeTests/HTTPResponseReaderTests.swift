import NIOCore
import Testing

@testable import LambdaRuntime

/// Hands out scripted bytes at most `pieceSize` at a time, as a socket under load may.
private final class PieceByPieceSource: ByteSource {
    private var bytes: ArraySlice<UInt8>
    private let pieceSize: Int

    init(_ text: String, pieceSize: Int) {
        self.bytes = ArraySlice(text.utf8)
        self.pieceSize = pieceSize
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(HTTPWireError) -> Int {
        let count = min(self.pieceSize, buffer.count, self.bytes.count)
        buffer.copyBytes(from: self.bytes.prefix(count))
        self.bytes = self.bytes.dropFirst(count)
        return count
    }
}

/// The HTTP/1.1 response reader on byte streams cut anywhere: framing, limits and the end of the stream.
@Suite("HTTP response reader")
struct HTTPResponseReaderTests {
    static let twoResponses =
        "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-One: 1\r\n\r\nhello"
        + "HTTP/1.1 202 Accepted\r\ntransfer-encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n"

    @Test(arguments: [1, 2, 7, 4096])
    func responsesCutIntoPiecesOfAnySizeAreReadWhole(pieceSize: Int) throws {
        let source = PieceByPieceSource(Self.twoResponses, pieceSize: pieceSize)
        let reader = HTTPResponseReader()
        let first = try #require(try reader.readResponse(from: source))
        #expect(first.status == 200)
        #expect(first.headers.first(name: "x-one") == "1")
        #expect(String(buffer: first.body) == "hello")
        let second = try #require(try reader.readResponse(from: source))
        #expect(second.status == 202)
        #expect(String(buffer: second.body) == "hi")
        #expect(try reader.readResponse(from: source) == nil, "the end of the stream between responses is no response")
    }

    @Test func aContinueIsSkippedAndConnectionCloseIsNoted() throws {
        let text = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nCONNECTION: Close\r\ncontent-length: 2\r\n\r\nok"
        let response = try #require(try HTTPResponseReader().readResponse(from: PieceByPieceSource(text, pieceSize: 3)))
        #expect(response.status == 200)
        #expect(!response.keepsConnection)
    }

    @Test func aBodyUntilTheEndOfTheConnectionIsReadWhenItIsClosing() throws {
        let text = "HTTP/1.1 200 OK\r\nconnection: close\r\n\r\nall of it"
        let response = try #require(try HTTPResponseReader().readResponse(from: PieceByPieceSource(text, pieceSize: 4)))
        #expect(String(buffer: response.body) == "all of it")
    }

    @Test(arguments: [
        "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort",
        "HTTP/1.1 200 OK\r\nContent-Length: \(HTTPResponseReader.runtimeAPIMaxBodyBytes + 1)\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n",
        "HTTP/1.1 200 OK\r\nX: \(String(repeating: "a", count: HTTPResponseReader.maxHeadBytes))\r\n\r\n",
        "SPDY/3 200 OK\r\n\r\n",
        "HTTP/1.1 200 OK\nContent-Length: 0\n\n",
        "HTTP/1.1 200 OK\r\nno-colon\r\n\r\n",
    ])
    func aResponseThatBreaksTheProtocolOrItsLimitsIsAFailure(text: String) throws {
        let error = #expect(throws: HTTPWireError.self) {
            _ = try HTTPResponseReader().readResponse(from: PieceByPieceSource(text, pieceSize: 1000))
        }
        #expect([.malformed, .tooLarge, .closed].contains(error?.kind))
    }

    @Test func aReaderKeepsToTheBodyBoundItWasGiven() throws {
        let text = "HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nsix by"
        let error = #expect(throws: HTTPWireError.self) {
            _ = try HTTPResponseReader(maxBodyBytes: 5).readResponse(from: PieceByPieceSource(text, pieceSize: 3))
        }
        #expect(error?.kind == .tooLarge)
        let read = try HTTPResponseReader(maxBodyBytes: 6).readResponse(from: PieceByPieceSource(text, pieceSize: 3))
        #expect(read.map { String(buffer: $0.body) } == "six by")
    }

    /// A reader whose buffer is full and that neither made a response nor refused the bytes: a connection fed so
    /// would wait for ever.
    private struct Stalled: Error {}

    /// Feeds `text` to `reader` `pieceSize` bytes at a time, as an event loop hands a connection's reads over, and
    /// collects every response completed on the way.
    private func responses(
        appending text: String, pieceSize: Int, to reader: HTTPResponseReader = HTTPResponseReader()
    ) throws -> [ReceivedHTTPResponse] {
        var responses: [ReceivedHTTPResponse] = []
        var rest = ArraySlice(text.utf8)
        var refusedAppends = 0
        while !rest.isEmpty {
            let piece = rest.prefix(pieceSize)
            let taken = piece.withUnsafeBytes { reader.append($0) }
            rest = rest.dropFirst(taken)
            while let response = try reader.nextResponse() { responses.append(response) }
            // Reading what was buffered makes room, unless the reader is stuck.
            refusedAppends = taken == 0 ? refusedAppends + 1 : 0
            if refusedAppends > 1 { throw Stalled() }
        }
        return responses
    }

    @Test(arguments: [1, 2, 7, 4096])
    func bytesAppendedInPiecesOfAnySizeMakeTheSameResponses(pieceSize: Int) throws {
        let responses = try self.responses(appending: Self.twoResponses, pieceSize: pieceSize)
        #expect(responses.map(\.status) == [200, 202])
        #expect(responses.map { String(buffer: $0.body) } == ["hello", "hi"])
        #expect(responses.first?.headers.first(name: "x-one") == "1")
    }

    @Test func aBodyLargerThanTheBufferIsAppendedWhole() throws {
        let body = String(repeating: "0123456789abcdef", count: HTTPResponseReader.maxHeadBytes / 8)
        let text = "HTTP/1.1 200 OK\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
        let responses = try self.responses(appending: text, pieceSize: 50_000)
        #expect(responses.count == 1)
        #expect(responses.first.map { String(buffer: $0.body) } == body)
    }

    @Test func theEndOfTheStreamEndsABodyThatRunsToItAndCutsAnyOtherShort() throws {
        let reader = HTTPResponseReader()
        #expect(
            try self.responses(appending: "HTTP/1.1 200 OK\r\nconnection: close\r\n\r\nall", pieceSize: 5, to: reader)
                .isEmpty)
        #expect(try reader.nextResponse(atEndOfStream: true).map { String(buffer: $0.body) } == "all")
        #expect(try reader.nextResponse(atEndOfStream: true) == nil, "nothing more came")

        let cut = HTTPResponseReader()
        #expect(
            try self.responses(appending: "HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nhalf", pieceSize: 5, to: cut)
                .isEmpty)
        let error = #expect(throws: HTTPWireError.self) { _ = try cut.nextResponse(atEndOfStream: true) }
        #expect(error?.kind == .closed)
    }

    @Test func aHeadThatFillsTheBufferIsRefusedRatherThanAwaited() throws {
        let text = "HTTP/1.1 200 OK\r\nX: " + String(repeating: "a", count: HTTPResponseReader.maxHeadBytes)
        let error = #expect(throws: HTTPWireError.self) { _ = try self.responses(appending: text, pieceSize: 9000) }
        #expect(error?.kind == .tooLarge)
    }

    @Test func aBareLineFeedIsRefusedAsSoonAsItArrives() throws {
        let error = #expect(throws: HTTPWireError.self) {
            _ = try self.responses(appending: "HTTP/1.1 200 OK\nContent-Length: 0\n", pieceSize: 4096)
        }
        #expect(error?.kind == .malformed)
    }
}
