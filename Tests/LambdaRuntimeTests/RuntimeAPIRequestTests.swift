import NIOCore
import Testing

@testable import LambdaRuntime

/// A Runtime API request's head is written in one piece, sized before it is written: every byte of it counts.
@Suite struct RuntimeAPIRequestTests {
    static let agent = "user-agent: Stratus/\(StratusVersion.current)"

    @Test func nextIsAGetWithoutALength() {
        let head = RuntimeAPIRequest(target: .next).head(host: "127.0.0.1:9001")
        #expect(
            String(decoding: head, as: UTF8.self)
                == "GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nhost: 127.0.0.1:9001\r\n\(Self.agent)\r\n\r\n")
    }

    @Test(arguments: [0, 9, 10, 99, 100, 12_345])
    func aResponseCarriesItsHeadersAndExactLength(length: Int) {
        let request = RuntimeAPIRequest(
            target: .response(requestID: "r-1"), headers: [("content-type", "application/json")],
            body: ByteBuffer(repeating: UInt8(ascii: "x"), count: length))
        #expect(
            String(decoding: request.head(host: "h"), as: UTF8.self)
                == "POST /2018-06-01/runtime/invocation/r-1/response HTTP/1.1\r\nhost: h\r\n\(Self.agent)\r\n"
                + "content-type: application/json\r\ncontent-length: \(length)\r\n\r\n")
    }

    /// `\r\n` is one `Character`: it becomes one space; a NUL and a lone `\n` become one each.
    @Test func anErrorTypeCannotEndItsHeader() {
        let request = RuntimeAPIRequest(
            target: .error(requestID: "r-2"),
            headers: [("Lambda-Runtime-Function-Error-Type", "Bad\r\nInjected: yes\u{0}\nAgain: no")], body: nil)
        #expect(
            String(decoding: request.head(host: "h"), as: UTF8.self)
                == "POST /2018-06-01/runtime/invocation/r-2/error HTTP/1.1\r\nhost: h\r\n\(Self.agent)\r\n"
                + "Lambda-Runtime-Function-Error-Type: Bad Injected: yes  Again: no\r\ncontent-length: 0\r\n\r\n")
    }

    @Test func theInitErrorPathAndEveryPathForMessages() {
        #expect(RuntimeAPIRequest.Target.initError.path == "/2018-06-01/runtime/init/error")
        #expect(RuntimeAPIRequest.Target.next.path == "/2018-06-01/runtime/invocation/next")
        #expect(RuntimeAPIRequest.Target.error(requestID: "a.b").path == "/2018-06-01/runtime/invocation/a.b/error")
        #expect(
            String(decoding: RuntimeAPIRequest(target: .initError).head(host: "h"), as: UTF8.self)
                == "POST /2018-06-01/runtime/init/error HTTP/1.1\r\nhost: h\r\n\(Self.agent)\r\n"
                + "content-length: 0\r\n\r\n")
    }
}
