import NIOCore
import NIOHTTP1

/// Where the answer to one Runtime API request goes: its connection, from whichever thread has the answer. On the
/// connection's event loop it is written at once; from elsewhere it costs one hop to that loop.
struct RuntimeAPIReply: Sendable {
    let channel: any Channel
    /// Whether the connection stays open after the answer (HTTP/1.1 keep-alive).
    let keepAlive: Bool

    /// Writes `response` and flushes it, then closes the connection unless it is kept alive.
    func send(_ response: RuntimeAPIResponse) {
        if self.channel.eventLoop.inEventLoop {
            self.write(response)
        } else {
            self.channel.eventLoop.execute { self.write(response) }
        }
    }

    private func write(_ response: RuntimeAPIResponse) {
        var headers = response.headers
        if !self.keepAlive { headers.replaceOrAdd(name: "Connection", value: "close") }
        let head = HTTPResponseHead(version: .http1_1, status: response.status, headers: headers)
        self.channel.write(HTTPServerResponsePart.head(head), promise: nil)
        self.channel.write(HTTPServerResponsePart.body(.byteBuffer(response.body)), promise: nil)
        let written = self.channel.writeAndFlush(HTTPServerResponsePart.end(nil))
        if !self.keepAlive {
            written.whenComplete { [channel] _ in channel.close(promise: nil) }
        }
    }
}
