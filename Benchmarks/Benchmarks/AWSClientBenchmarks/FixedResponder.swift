import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An HTTP/1.1 server on 127.0.0.1 that answers every request with the same `200` and JSON body, reading each request
/// only as far as framing needs, on one blocking thread per connection: so little work per exchange that the
/// client's own cost is what a benchmark against it shows. It keeps the first request it is sent, whole.
final class FixedResponder: Sendable {
    /// The port it listens on.
    let port: Int
    private let listener: Int32
    private let response: [UInt8]
    private let firstRequestBytes = Mutex<[UInt8]?>(nil)

    /// Starts listening and answering with `body`, sent as `application/x-amz-json-1.0`.
    init(body: String) throws(LoopbackSocket.Failure) {
        (self.listener, self.port) = try LoopbackSocket.listening()
        self.response = Array(
            ("HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.0\r\nx-amzn-RequestId: bench\r\n"
                + "Content-Length: \(body.utf8.count)\r\n\r\n\(body)").utf8)
        Thread.detachNewThread { [self] in self.acceptConnections() }
    }

    /// The first request any client sent, head and body, as it arrived; `nil` before one has.
    var firstRequest: [UInt8]? { self.firstRequestBytes.withLock { $0 } }

    private func acceptConnections() {
        while let connection = LoopbackSocket.nextConnection(to: self.listener) {
            Thread.detachNewThread { [self] in self.answer(on: connection) }
        }
    }

    /// Answers each request on `connection` until the client closes it.
    private func answer(on connection: Int32) {
        defer { close(connection) }
        var reader = HTTPMessageReader(socket: connection)
        do {
            while let request = try reader.next() {
                self.firstRequestBytes.withLock { first in
                    if first == nil { first = request }
                }
                try LoopbackSocket.writeAll(self.response, to: connection)
            }
        } catch {
            // The connection failed: it is closed and the client's next exchange on it reports that.
        }
    }
}
