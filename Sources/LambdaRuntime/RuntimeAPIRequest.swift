import NIOCore
import NIOHTTP1

/// A request to the Runtime API.
struct RuntimeAPIRequest: Sendable {
    var method: HTTPMethod
    var path: String
    var headers: [(String, String)] = []
    var body: ByteBuffer?
}

/// A Runtime API response: status, headers and the whole body.
struct RuntimeAPIResponse: Sendable {
    var status: HTTPResponseStatus
    var headers: HTTPHeaders
    var body: ByteBuffer
}

/// The Runtime API connection failed or answered in a way the protocol does not allow.
public struct RuntimeAPIError: Error, Sendable, CustomStringConvertible {
    public var description: String
}
