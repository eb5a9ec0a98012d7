import NIOCore
import Testing

@testable import LocalCloud

/// The emulator's own HTTP/1.1 request reading: what a runtime sends is read the same however the bytes are split,
/// and what breaks the syntax is refused rather than guessed at.
@Suite("Runtime API request reader")
struct RuntimeAPIRequestReaderTests {
    /// What one event says, in a form tests compare.
    static func describe(_ event: RuntimeAPIRequestReader.Event) -> String {
        switch event {
        case .continueExpected:
            return "100-continue"
        case .request(let request):
            return [
                request.method, request.target, request.keepAlive ? "keep-alive" : "close",
                request.functionErrorType ?? "-", String(buffer: request.body), String(request.size),
            ].joined(separator: " | ")
        }
    }

    /// Reads `pieces` in order, one buffer each, and describes every event.
    static func read(_ pieces: [[UInt8]]) throws(RuntimeAPIRequestReader.Malformed) -> [String] {
        var reader = RuntimeAPIRequestReader()
        var received = ByteBuffer()
        var events: [String] = []
        for piece in pieces {
            received.writeBytes(piece)
            while let event = try reader.next(from: &received) {
                events.append(Self.describe(event))
            }
        }
        return events
    }

    static let pipeline = [
        "GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: t\r\n\r\n",
        "POST /2018-06-01/runtime/invocation/a/response HTTP/1.1\r\ncontent-LENGTH: 7\r\n\r\n{\"a\":1}",
        "POST /2018-06-01/runtime/invocation/b/error HTTP/1.1\r\nTransfer-Encoding: Chunked\r\n"
            + "Lambda-Runtime-Function-Error-Type: Runtime.Oops\r\n\r\n4;ext=1\r\nboom\r\n6\r\n-again\r\n0\r\nX-T: t\r\n\r\n",
        "POST /2018-06-01/runtime/init/error HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nok",
        "GET /a HTTP/1.0\r\n\r\n",
        "GET /b HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n",
        "GET /c HTTP/1.1\r\nConnection: TE, close\r\n\r\n",
        "POST /d HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    ].joined()

    static let expected = [
        "GET | /2018-06-01/runtime/invocation/next | keep-alive | - |  | 0",
        "POST | /2018-06-01/runtime/invocation/a/response | keep-alive | - | {\"a\":1} | 7",
        "POST | /2018-06-01/runtime/invocation/b/error | keep-alive | Runtime.Oops | boom-again | 10",
        "100-continue",
        "POST | /2018-06-01/runtime/init/error | keep-alive | - | ok | 2",
        "GET | /a | close | - |  | 0",
        "GET | /b | keep-alive | - |  | 0",
        "GET | /c | close | - |  | 0",
        "POST | /d | keep-alive | - |  | 0",
    ]

    @Test func aPipelineOfRequestsIsReadAlikeWholeOrSplitAnywhere() throws {
        let bytes = Array(Self.pipeline.utf8)
        #expect(try Self.read([bytes]) == Self.expected)
        #expect(try Self.read(bytes.map { [$0] }) == Self.expected, "one byte at a time")
        for split in stride(from: 1, to: bytes.count, by: 7) {
            #expect(
                try Self.read([Array(bytes[..<split]), Array(bytes[split...])]) == Self.expected, "split at \(split)")
        }
    }

    static let malformed: [(String, String)] = [
        ("GET /x\r\n\r\n", "request line"),
        ("GET /x HTTP/2.0\r\n\r\n", "version"),
        ("GET  /x HTTP/1.1\r\n\r\n", "request line"),
        ("GET /\u{7F} HTTP/1.1\r\n\r\n", "request line"),
        ("G(T /x HTTP/1.1\r\n\r\n", "request line"),
        ("\r\n", "request line is empty"),
        ("GET /x HTTP/1.1\nHost: a\n\n", "CRLF"),
        ("GET /x HTTP/1.1\r\nHost a\r\n\r\n", "name: value"),
        ("GET /x HTTP/1.1\r\nHost : a\r\n\r\n", "name: value"),
        ("GET /x HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n", "name: value"),
        ("GET /x HTTP/1.1\r\nX: a\u{1}b\r\n\r\n", "control byte"),
        ("GET /x HTTP/1.1\r\nX: a\rContent-Length: 5\r\n\r\nhello", "control byte"),
        ("GET /x\r HTTP/1.1\r\n\r\n", "request line"),
        ("GET /x HTTP/1.1 \r\n\r\n", "version"),
        ("POST /x HTTP/1.1\r\nContent-Length: 1x\r\n\r\n", "not a number"),
        ("POST /x HTTP/1.1\r\nContent-Length: -1\r\n\r\n", "not a number"),
        ("POST /x HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab", "disagree"),
        ("POST /x HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", "both"),
        ("POST /x HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", "chunked"),
        ("POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n", "chunked"),
        ("POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "hexadecimal"),
        ("POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1000000000000000\r\n", "hexadecimal"),
        ("POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabXY\r\n", "followed by CRLF"),
        ("POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX: a\n\r\n", "CRLF"),
        ("GET /x HTTP/1.1\r\nX: " + String(repeating: "a", count: 70_000), "over 65536 bytes"),
    ]

    @Test(arguments: Self.malformed)
    func malformedRequestsAreRefusedWholeOrByteByByte(request: String, reason: String) {
        let bytes = Array(request.utf8)
        for pieces in [[bytes], bytes.map { [$0] }] {
            do {
                let events = try Self.read(pieces)
                Issue.record("read as \(events) instead of refused")
            } catch {
                #expect(error.reason.contains(reason), "\(error.reason)")
            }
        }
    }

    @Test func aBodyPastLambdasLimitIsCountedNotKept() throws {
        let limit = RuntimeAPIRequestReader.maxKeptBodyBytes
        let head = Array("POST /r HTTP/1.1\r\nContent-Length: \(limit + 10)\r\n\r\n".utf8)
        let body = [UInt8](repeating: UInt8(ascii: "x"), count: limit + 10)
        var reader = RuntimeAPIRequestReader()
        var received = ByteBuffer(bytes: head)
        #expect(try reader.next(from: &received) == nil)
        var request: RuntimeAPIHTTPRequest?
        for start in stride(from: 0, to: body.count, by: 1 << 20) {
            received.writeBytes(body[start..<min(body.count, start + (1 << 20))])
            if case .request(let read)? = try reader.next(from: &received) { request = read }
        }
        #expect(request?.size == limit + 10)
        #expect(request?.body.readableBytes == limit)
    }
}
