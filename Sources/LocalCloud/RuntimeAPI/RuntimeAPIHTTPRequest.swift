import NIOCore

/// One request a runtime sent to the Runtime API, with what the emulator reads of it.
struct RuntimeAPIHTTPRequest: Sendable {
    var method: String
    var target: String
    /// Whether the connection stays open after the answer: HTTP/1.1's default unless `Connection: close`, HTTP/1.0's
    /// only with `Connection: keep-alive`.
    var keepAlive: Bool
    /// `Lambda-Runtime-Function-Error-Type`, which an error report may carry.
    var functionErrorType: String?
    /// The body, at most ``RuntimeAPIRequestReader/maxKeptBodyBytes`` of it.
    var body: ByteBuffer
    /// How many bytes the body had, all counted.
    var size: Int
}
