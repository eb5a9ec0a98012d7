import NIOCore
import NIOHTTP1

/// A request to the Runtime API.
struct RuntimeAPIRequest: Sendable {
    var method: HTTPMethod
    var path: String
    var headers: [(String, String)] = []
    var body: ByteBuffer?
}
