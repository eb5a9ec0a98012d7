#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The blocking TCP calls on 127.0.0.1 that the responder and the raw client share. Every socket has Nagle's
/// algorithm off, so that neither side's single write waits for an acknowledgement.
enum LoopbackSocket {
    /// A system call that failed, with its `errno`.
    struct Failure: Error, CustomStringConvertible {
        /// The call and its error number.
        let description: String

        init(_ call: String) {
            self.description = "\(call) failed: \(String(cString: strerror(errno)))"
        }
    }

    /// A socket listening on 127.0.0.1 at a port the system picks, and that port.
    static func listening() throws(Failure) -> (socket: Int32, port: Int) {
        let socket = try Self.make()
        var address = Self.address(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                bind(socket, address, length) == 0 && getsockname(socket, address, &length) == 0
            }
        }
        guard bound, listen(socket, 64) == 0 else {
            let failure = Failure("bind/listen on 127.0.0.1")
            close(socket)
            throw failure
        }
        return (socket, Int(UInt16(bigEndian: address.sin_port)))
    }

    /// A socket connected to 127.0.0.1:`port`.
    static func connected(port: Int) throws(Failure) -> Int32 {
        let socket = try Self.make()
        var address = Self.address(port: port)
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                connect(socket, address, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else {
            let failure = Failure("connect to 127.0.0.1:\(port)")
            close(socket)
            throw failure
        }
        return socket
    }

    /// The next connection to `listener`, with Nagle's algorithm off; `nil` once the listener is unusable.
    static func nextConnection(to listener: Int32) -> Int32? {
        while true {
            let socket = accept(listener, nil, nil)
            if socket >= 0 {
                Self.disableNagle(socket)
                return socket
            }
            guard errno == EINTR || errno == ECONNABORTED else { return nil }
        }
    }

    /// Writes all of `bytes`, continuing after partial writes.
    static func writeAll(_ bytes: [UInt8], to socket: Int32) throws(Failure) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { send(socket, $0.baseAddress, $0.count, noSignal) }
            if written < 0 {
                guard errno == EINTR else { throw Failure("send") }
                continue
            }
            offset += written
        }
    }

    /// Reads what has arrived, up to `buffer`'s size, waiting for at least one byte; 0 when the peer closed.
    static func receive(from socket: Int32, into buffer: UnsafeMutableRawBufferPointer) throws(Failure) -> Int {
        while true {
            let count = recv(socket, buffer.baseAddress, buffer.count, 0)
            if count >= 0 { return count }
            guard errno == EINTR else { throw Failure("recv") }
        }
    }

    /// `send`'s flag against `SIGPIPE` on a closed connection, where the system has one.
    #if canImport(Darwin)
    private static let noSignal: Int32 = 0
    #else
    private static let noSignal = Int32(MSG_NOSIGNAL)
    #endif

    private static func make() throws(Failure) -> Int32 {
        #if canImport(Darwin)
        let socket = Darwin.socket(AF_INET, SOCK_STREAM, 0)
        #else
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #endif
        guard socket >= 0 else { throw Failure("socket") }
        Self.disableNagle(socket)
        return socket
    }

    private static func disableNagle(_ socket: Int32) {
        var enabled: Int32 = 1
        _ = setsockopt(socket, Int32(IPPROTO_TCP), TCP_NODELAY, &enabled, socklen_t(MemoryLayout<Int32>.size))
    }

    private static func address(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return address
    }
}
