import LambdaRuntime
import NIOCore
import NIOHTTP1

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One answer of the Runtime API: status, headers and a JSON body (its `Content-Length` is set when it is sent).
struct RuntimeAPIResponse: Sendable {
    var status: HTTPResponseStatus
    var headers: HTTPHeaders
    var body: ByteBuffer

    /// `202 Accepted` with `{"status":"OK"}`, the answer to every report the emulator takes.
    static let accepted = RuntimeAPIResponse(status: .accepted, body: ByteBuffer(string: #"{"status":"OK"}"#))

    /// A response with `Content-Type: application/json` and `extraHeaders`.
    init(status: HTTPResponseStatus, extraHeaders: [(String, String)] = [], body: ByteBuffer) {
        self.status = status
        self.headers = HTTPHeaders()
        self.headers.reserveCapacity(extraHeaders.count + 2)
        self.headers.add(name: "Content-Type", value: "application/json")
        self.headers.add(contentsOf: extraHeaders)
        self.headers.add(name: "Content-Length", value: String(body.readableBytes))
        self.body = body
    }

    /// Lambda's answer to a request the protocol does not allow: its status and error report.
    static func refusal(_ refusal: RuntimeAPIRequestError) -> RuntimeAPIResponse {
        let body = (try? JSONEncoder().encode(refusal.report)).map { ByteBuffer(bytes: $0) } ?? ByteBuffer()
        return RuntimeAPIResponse(status: .init(statusCode: refusal.status), body: body)
    }

    /// The answer to a path the Runtime API does not serve.
    static func notFound(_ uri: String) -> RuntimeAPIResponse {
        let report = LambdaFunctionError(
            errorMessage: "The Runtime API has no endpoint \(uri.prefix(200))", errorType: "NotFound")
        let body = (try? JSONEncoder().encode(report)).map { ByteBuffer(bytes: $0) } ?? ByteBuffer()
        return RuntimeAPIResponse(status: .notFound, body: body)
    }
}
