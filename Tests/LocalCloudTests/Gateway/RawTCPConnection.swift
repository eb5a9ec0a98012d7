import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A plain TCP connection to a port on 127.0.0.1, for the requests and the silences no HTTP client would send.
/// Its calls block, so tests run them off the cooperative pool (``RawTCPConnection/offThePool(_:)``).
final class RawTCPConnection: Sendable {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let descriptor: Int32

    init(port: Int) throws {
        self.descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard self.descriptor >= 0 else { throw Failure(description: "socket() failed: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(self.descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            let code = errno
            close(self.descriptor)
            throw Failure(description: "connect() failed: errno \(code)")
        }
    }

    deinit {
        close(self.descriptor)
    }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes {
                Glibc.send(self.descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard count > 0 else { throw Failure(description: "send() failed: errno \(errno)") }
            sent += count
        }
    }

    /// Reads until the end of a response head (a blank line), the peer closing, or `timeout` without a byte.
    func readHead(timeout: Duration) -> String {
        self.read(until: "\r\n\r\n", timeout: timeout)
    }

    /// Reads until what came holds `marker`, the peer closes, or `timeout` passes without a byte.
    func read(until marker: String, timeout: Duration) -> String {
        let marker = Array(marker.utf8)
        return self.read(timeout: timeout) { $0.contains(marker) }
    }

    /// Whether bytes have arrived that were not read yet, without waiting for any.
    var hasUnreadBytes: Bool {
        Self.waitUntilReadable(self.descriptor, timeout: .zero) == 1
    }

    /// Says that nothing more will be sent (a half close): the peer reads the end of the stream, and may still answer.
    func finishSending() {
        _ = shutdown(self.descriptor, Int32(SHUT_WR))
    }

    /// Reads everything until the peer closes the connection, or `timeout` without a byte.
    func readToEnd(timeout: Duration) -> String {
        self.read(timeout: timeout) { _ in false }
    }

    private func read(timeout: Duration, until isComplete: ([UInt8]) -> Bool) -> String {
        var received: [UInt8] = []
        while !isComplete(received), Self.waitUntilReadable(self.descriptor, timeout: timeout) == 1 {
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = chunk.withUnsafeMutableBytes { recv(self.descriptor, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            received += chunk[..<count]
        }
        return String(decoding: received, as: UTF8.self)
    }

    /// Waits until every connection has been closed by the peer, or `timeout` has passed; answers how many are
    /// still open.
    static func waitUntilClosed(_ connections: [RawTCPConnection], timeout: Duration) -> Int {
        var open = Set(connections.map(\.descriptor))
        let deadline = ContinuousClock.now + timeout
        while !open.isEmpty, ContinuousClock.now < deadline {
            var descriptors = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            guard poll(&descriptors, nfds_t(descriptors.count), 200) >= 0 else { break }
            for entry in descriptors where entry.revents != 0 {
                var byte: UInt8 = 0
                // End of stream or a reset: the server closed it. (An idle connection is never sent anything else.)
                if recv(entry.fd, &byte, 1, Int32(MSG_DONTWAIT)) <= 0 { open.remove(entry.fd) }
            }
        }
        return open.count
    }

    private static func waitUntilReadable(_ descriptor: Int32, timeout: Duration) -> Int32 {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, Int32(timeout.components.seconds * 1000))
    }

    /// Sends `request` on a new connection to `port` and answers what comes back: the response head alone when
    /// `headOnly`, else everything until the peer closes (or `timeout` passes without a byte).
    static func answer(to request: String, port: Int, headOnly: Bool = false, timeout: Duration) async throws -> String
    {
        try await Self.offThePool {
            let connection = try RawTCPConnection(port: port)
            try connection.send(request)
            return headOnly ? connection.readHead(timeout: timeout) : connection.readToEnd(timeout: timeout)
        }
    }

    /// Runs blocking socket calls on a thread of their own: they must not hold a cooperative thread.
    static func offThePool<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
        }
    }
}
