import NIOCore

/// Where the answer to one Runtime API request goes: its place among the connection's answers, written from
/// whichever thread has it.
struct RuntimeAPIReply: Sendable {
    let connection: RuntimeAPIConnection
    /// The request's number on its connection: answers go out in the order of the requests.
    let request: Int
    /// Whether the connection stays open after the answer (HTTP/1.1 keep-alive).
    let keepAlive: Bool

    /// Writes `response` as one message once the earlier requests are answered, then closes the connection unless
    /// it is kept alive.
    func send(_ response: RuntimeAPIResponse) {
        self.connection.write(
            response.message(keepAlive: self.keepAlive, allocator: ByteBufferAllocator()),
            answering: self.request,
            close: !self.keepAlive
        )
    }
}
