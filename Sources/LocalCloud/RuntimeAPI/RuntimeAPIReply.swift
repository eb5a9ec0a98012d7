import NIOCore

/// Where the answer to one Runtime API request goes: its connection, from whichever thread has the answer. On the
/// connection's event loop it is written at once; from elsewhere it costs one hop to that loop.
struct RuntimeAPIReply: Sendable {
    let channel: any Channel
    /// Whether the connection stays open after the answer (HTTP/1.1 keep-alive).
    let keepAlive: Bool

    /// Writes `response` as one message and flushes it, then closes the connection unless it is kept alive.
    func send(_ response: RuntimeAPIResponse) {
        if self.channel.eventLoop.inEventLoop {
            self.write(response)
        } else {
            self.channel.eventLoop.execute { self.write(response) }
        }
    }

    /// Writes `response` once the event loop has run what is already queued on it: the caller a report has just
    /// resumed gets its result before the runtime gets its `202` (as the minimal Runtime API reads the clock first).
    func sendAfterQueuedWork(_ response: RuntimeAPIResponse) {
        self.channel.eventLoop.execute { self.write(response) }
    }

    private func write(_ response: RuntimeAPIResponse) {
        let message = response.message(keepAlive: self.keepAlive, allocator: self.channel.allocator)
        if self.keepAlive {
            self.channel.writeAndFlush(message, promise: nil)
        } else {
            self.channel.writeAndFlush(message).whenComplete { [channel] _ in channel.close(promise: nil) }
        }
    }
}
