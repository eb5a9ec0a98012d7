package import NIOCore

/// A response ``HTTPResponseReader`` read whole: status, headers and body.
package struct ReceivedHTTPResponse: Sendable {
    /// The status code, e.g. 200.
    package var status: Int
    package var headers: ReceivedHTTPHeaders
    package var body: ByteBuffer
    /// Whether the server keeps the connection open for the next request (no `Connection: close`).
    package var keepsConnection = true
}
