import LambdaRuntime
import NIOCore
import NIOEmbedded
import NIOSSL

/// TLS on a blocking socket, for a connection that one thread writes and reads: NIOSSL's client handler does the
/// protocol in a channel that is driven by hand, its ciphertext written to and read from the socket by the calling
/// thread, so that no event loop is involved.
///
/// The channel and its loop belong to the thread that made the session: every method, ``close()`` included, must
/// be called on it. `close()` must be called before the session is let go.
final class TLSClientSession: ByteSource {
    private let socket: DeadlineBoundSocket
    private let channel: EmbeddedChannel
    /// Plaintext the handler has decrypted and ``read(into:)`` has not handed out yet.
    private var plaintext = ByteBuffer()
    /// Ciphertext as it comes off the socket, before the handler decrypts it.
    private var received = ByteBuffer()
    private var isClosed = false

    /// Starts a session with `context` on `socket`, naming `serverHostname` for SNI and the certificate's name check
    /// (`nil` for an address, whose certificate's IP entries are checked). The handshake happens on the first
    /// exchange: the request written first waits in the handler until it is done.
    init(socket: DeadlineBoundSocket, context: NIOSSLContext, serverHostname: String?) throws(AWSHTTPError) {
        self.socket = socket
        self.channel = EmbeddedChannel()
        do {
            try self.channel.pipeline.syncOperations.addHandler(
                try NIOSSLClientHandler(context: context, serverHostname: serverHostname))
            // The handler starts its handshake when the channel becomes active; the address is not used.
            self.channel.connect(to: try SocketAddress(ipAddress: "127.0.0.1", port: 443), promise: nil)
        } catch {
            self.close()
            throw AWSHTTPError(.tlsFailed, "TLS cannot start: \(error)")
        }
    }

    /// Encrypts `head` and `body` and writes them, with whatever the handshake has to send first.
    func write(_ head: UnsafeRawBufferPointer, _ body: UnsafeRawBufferPointer) throws(HTTPWireError) {
        var message = self.channel.allocator.buffer(capacity: head.count + body.count)
        message.writeBytes(head)
        message.writeBytes(body)
        self.channel.writeAndFlush(message, promise: nil)
        try self.sendPending()
    }

    /// Hands out decrypted bytes, reading and decrypting from the socket until there are some.
    /// - Returns: how many bytes were read; 0 when the server ended the session or closed the connection.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(HTTPWireError) -> Int {
        while self.plaintext.readableBytes == 0 {
            guard self.channel.isActive else { return 0 }
            self.received.clear()
            // The buffer's accessor rethrows untyped errors, so the typed one is carried out of it.
            var failure: HTTPWireError?
            let count = self.received.writeWithUnsafeMutableBytes(minimumWritableBytes: 16 * 1024) { space in
                do throws(HTTPWireError) {
                    return try self.socket.read(into: space)
                } catch {
                    failure = error
                    return 0
                }
            }
            if let failure { throw failure }
            guard count > 0 else { return 0 }
            do {
                try self.channel.writeInbound(self.received)
                while let part = try self.channel.readInbound(as: ByteBuffer.self) {
                    self.plaintext.writeImmutableBuffer(part)
                }
            } catch {
                throw HTTPWireError(.tlsFailed, "The TLS session failed (is the server's CA trusted?): \(error)")
            }
            // What the handshake or the session answers, such as the client's last handshake message.
            try self.sendPending()
        }
        let count = min(buffer.count, self.plaintext.readableBytes)
        self.plaintext.withUnsafeReadableBytes {
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[..<count]))
        }
        self.plaintext.moveReaderIndex(forwardBy: count)
        return count
    }

    /// Ends the session without waiting for the server's answer to it: the handler's `close_notify` is sent if the
    /// socket takes it, the socket is shut down, and the handler's wait for the answer is cut short by moving the
    /// loop's clock past it, so that the channel ends closed with nothing left scheduled.
    func close() {
        guard !self.isClosed else { return }
        self.isClosed = true
        self.channel.close(promise: nil)
        try? self.sendPending()
        self.socket.socket.interrupt()
        self.channel.embeddedEventLoop.advanceTime(by: .hours(1))
    }

    /// Writes to the socket what the handler has to send.
    private func sendPending() throws(HTTPWireError) {
        while true {
            let pending: ByteBuffer?
            do {
                pending = try self.channel.readOutbound(as: ByteBuffer.self)
            } catch {
                throw HTTPWireError(.tlsFailed, "The TLS session failed: \(error)")
            }
            guard let pending else { return }
            var failure: HTTPWireError?
            pending.withUnsafeReadableBytes { bytes in
                do throws(HTTPWireError) {
                    try self.socket.write(bytes, UnsafeRawBufferPointer(start: nil, count: 0))
                } catch {
                    failure = error
                }
            }
            if let failure { throw failure }
        }
    }
}
