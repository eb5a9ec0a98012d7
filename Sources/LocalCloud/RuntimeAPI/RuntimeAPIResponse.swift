import LambdaRuntime
import NIOCore
import NIOHTTP1

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One answer of the Runtime API: status, headers and a JSON body, written as one HTTP/1.1 message.
struct RuntimeAPIResponse: Sendable {
    let status: HTTPResponseStatus
    /// Headers besides `Content-Type: application/json` and `Content-Length`, which every answer carries.
    let headers: [(name: String, value: String)]
    let body: ByteBuffer
    /// The whole message for a connection kept alive, when it was written beforehand.
    private var keptAliveMessage: ByteBuffer?

    /// `202 Accepted` with `{"status":"OK"}`, the answer to every report the emulator takes: written once, and the
    /// same bytes sent on every kept-alive connection.
    static let accepted: RuntimeAPIResponse = {
        var accepted = RuntimeAPIResponse(status: .accepted, body: ByteBuffer(string: #"{"status":"OK"}"#))
        accepted.keptAliveMessage = accepted.message(keepAlive: true, allocator: ByteBufferAllocator())
        return accepted
    }()

    /// A response with `headers` besides the content type and length.
    init(status: HTTPResponseStatus, headers: [(name: String, value: String)] = [], body: ByteBuffer) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Lambda's answer to a request the protocol does not allow: its status and error report.
    static func refusal(_ refusal: RuntimeAPIRequestError) -> RuntimeAPIResponse {
        .report(refusal.report, status: .init(statusCode: refusal.status))
    }

    /// The answer to a path the Runtime API does not serve.
    static func notFound(_ uri: String) -> RuntimeAPIResponse {
        .report(
            LambdaFunctionError(
                errorMessage: "The Runtime API has no endpoint \(uri.prefix(200))", errorType: "NotFound"),
            status: .notFound)
    }

    /// The answer to a request that is not HTTP/1.1 as the Runtime API reads it.
    static let badRequest = RuntimeAPIResponse.report(
        LambdaFunctionError(errorMessage: "The request is not valid HTTP/1.1", errorType: "BadRequest"),
        status: .badRequest)

    private static func report(_ report: LambdaFunctionError, status: HTTPResponseStatus) -> RuntimeAPIResponse {
        let body = (try? JSONEncoder().encode(report)).map { ByteBuffer(bytes: $0) } ?? ByteBuffer()
        return RuntimeAPIResponse(status: status, body: body)
    }

    /// The whole message, head and body, in one buffer: one write to the socket. A header value's line breaks and
    /// other control bytes become spaces, so that no value can end the head early.
    func message(keepAlive: Bool, allocator: ByteBufferAllocator) -> ByteBuffer {
        if keepAlive, let message = self.keptAliveMessage { return message }
        var message = allocator.buffer(capacity: 160 + self.headers.count * 80 + self.body.readableBytes)
        message.writeStaticString("HTTP/1.1 ")
        message.writeString(String(self.status.code))
        message.writeStaticString(" ")
        message.writeString(self.status.reasonPhrase)
        message.writeStaticString("\r\nContent-Type: application/json\r\n")
        for (name, value) in self.headers {
            message.writeString(name)
            message.writeStaticString(": ")
            Self.writeHeaderValue(value, to: &message)
            message.writeStaticString("\r\n")
        }
        if !keepAlive {
            message.writeStaticString("Connection: close\r\n")
        }
        message.writeStaticString("Content-Length: ")
        message.writeString(String(self.body.readableBytes))
        message.writeStaticString("\r\n\r\n")
        message.writeImmutableBuffer(self.body)
        return message
    }

    /// Writes `value` whole, then turns each control byte just written into a space (a request ID or trace header
    /// never has one; a client context might).
    private static func writeHeaderValue(_ value: String, to message: inout ByteBuffer) {
        let start = message.writerIndex - message.readerIndex
        message.writeString(value)
        message.withUnsafeMutableReadableBytes { bytes in
            for index in start..<bytes.count where bytes[index] < 0x20 || bytes[index] == 0x7f {
                bytes[index] = UInt8(ascii: " ")
            }
        }
    }
}
