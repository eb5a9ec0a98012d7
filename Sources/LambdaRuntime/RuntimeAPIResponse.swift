import NIOCore
import NIOHTTP1

/// A Runtime API response: status, headers and the whole body.
struct RuntimeAPIResponse: Sendable {
    var status: HTTPResponseStatus
    var headers: HTTPHeaders
    var body: ByteBuffer
}
