#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One keep-alive HTTP/1.1 connection driven by blocking system calls and nothing else: each exchange is one `send`
/// of ready-made request bytes and the `recv`s of the answer. It is the floor a client's call is compared with.
final class RawHTTPConnection {
    /// An exchange that got no whole answer.
    struct Closed: Error, CustomStringConvertible {
        let description = "The responder closed the connection without a whole answer"
    }

    private let socket: Int32
    private var reader: HTTPMessageReader

    /// A connection to 127.0.0.1:`port`.
    init(port: Int) throws(LoopbackSocket.Failure) {
        self.socket = try LoopbackSocket.connected(port: port)
        self.reader = HTTPMessageReader(socket: self.socket)
    }

    deinit {
        close(self.socket)
    }

    /// Sends `request` and returns the answer's bytes, head and body.
    func exchange(_ request: [UInt8]) throws -> [UInt8] {
        try LoopbackSocket.writeAll(request, to: self.socket)
        guard let response = try self.reader.next() else { throw Closed() }
        return response
    }
}
