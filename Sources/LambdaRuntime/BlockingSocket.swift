#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A connected TCP socket whose reads and writes block the calling thread: the Runtime API client's transport.
///
/// Reads and writes retry on `EINTR` and writes continue after a partial write; a failure throws a
/// ``LambdaRuntimeError/Code/runtimeAPIFailed`` naming the call and `errno`. One thread reads and writes; any other
/// may call ``interrupt()`` to wake a blocked read. The descriptor is closed when the last reference goes, so an
/// interrupting thread never reaches a descriptor number the kernel has handed out again.
final class BlockingSocket: Sendable {
    /// How long a connection attempt may take before it fails.
    static let connectTimeoutMilliseconds: Int32 = 2000

    private let descriptor: Int32

    /// Connects to `address` with `TCP_NODELAY` set. An IP address is connected to directly; a host name is resolved
    /// first, and each of its addresses tried in turn.
    init(connectingTo address: RuntimeAPIAddress) throws(LambdaRuntimeError) {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Darwin)
        hints.ai_socktype = SOCK_STREAM
        #else
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #endif
        hints.ai_flags = AI_NUMERICSERV
        var resolved: UnsafeMutablePointer<addrinfo>?
        // An IPv6 literal comes bracketed in `host:port` form, as in `[::1]:9001`.
        let host =
            address.host.hasPrefix("[") && address.host.hasSuffix("]")
            ? String(address.host.dropFirst().dropLast()) : address.host
        let status = getaddrinfo(host, String(address.port), &hints, &resolved)
        guard status == 0, let first = resolved else {
            throw LambdaRuntimeError(
                .runtimeAPIFailed, "Cannot resolve \(address.host): \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(first) }
        var lastError: Int32 = 0
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let entry = candidate {
            candidate = entry.pointee.ai_next
            let descriptor = socket(entry.pointee.ai_family, entry.pointee.ai_socktype, entry.pointee.ai_protocol)
            guard descriptor >= 0 else {
                lastError = errno
                continue
            }
            let error = Self.connect(descriptor, to: entry.pointee.ai_addr, length: entry.pointee.ai_addrlen)
            if error == 0 {
                var enabled: Int32 = 1
                _ = setsockopt(
                    descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &enabled, socklen_t(MemoryLayout<Int32>.size))
                self.descriptor = descriptor
                return
            }
            lastError = error
            close(descriptor)
        }
        throw LambdaRuntimeError(
            .runtimeAPIFailed, "Cannot connect to the Runtime API at \(address): \(Self.describe(lastError))")
    }

    deinit {
        close(self.descriptor)
    }

    /// Connects without blocking longer than ``connectTimeoutMilliseconds``, then makes the socket blocking again.
    /// - Returns: 0, or the `errno` of the failure.
    private static func connect(_ descriptor: Int32, to address: UnsafePointer<sockaddr>, length: socklen_t) -> Int32 {
        let flags = fcntl(descriptor, F_GETFL)
        _ = fcntl(descriptor, F_SETFL, flags | O_NONBLOCK)
        defer { _ = fcntl(descriptor, F_SETFL, flags) }
        #if canImport(Darwin)
        let connected = Darwin.connect(descriptor, address, length)
        #else
        let connected = Glibc.connect(descriptor, address, length)
        #endif
        if connected == 0 { return 0 }
        guard errno == EINPROGRESS else { return errno }
        var waiting = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
        var ready: Int32
        repeat {
            ready = poll(&waiting, 1, Self.connectTimeoutMilliseconds)
        } while ready < 0 && errno == EINTR
        guard ready > 0 else { return ready == 0 ? ETIMEDOUT : errno }
        var error: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &error, &length) == 0 else { return errno }
        return error
    }

    /// Writes all of `head`, then all of `body`, in as few `sendmsg` calls as the kernel allows.
    func write(_ head: UnsafeRawBufferPointer, _ body: UnsafeRawBufferPointer) throws(LambdaRuntimeError) {
        var headOffset = 0
        var bodyOffset = 0
        while headOffset < head.count || bodyOffset < body.count {
            let written = Self.send(
                self.descriptor,
                UnsafeRawBufferPointer(rebasing: head[headOffset...]),
                UnsafeRawBufferPointer(rebasing: body[bodyOffset...])
            )
            guard written >= 0 else {
                if errno == EINTR { continue }
                throw LambdaRuntimeError(
                    .runtimeAPIFailed, "Writing to the Runtime API failed: \(Self.describe(errno))")
            }
            let intoHead = min(written, head.count - headOffset)
            headOffset += intoHead
            bodyOffset += written - intoHead
        }
    }

    /// One `sendmsg` of the two parts, without raising `SIGPIPE` on a closed connection.
    private static func send(
        _ descriptor: Int32, _ head: UnsafeRawBufferPointer, _ body: UnsafeRawBufferPointer
    ) -> Int {
        var parts = (
            iovec(iov_base: UnsafeMutableRawPointer(mutating: head.baseAddress), iov_len: head.count),
            iovec(iov_base: UnsafeMutableRawPointer(mutating: body.baseAddress), iov_len: body.count)
        )
        return withUnsafeMutableBytes(of: &parts) { vector in
            var message = msghdr()
            message.msg_iov = vector.baseAddress?.assumingMemoryBound(to: iovec.self)
            message.msg_iovlen = 2
            #if canImport(Darwin)
            return sendmsg(descriptor, &message, 0)
            #else
            return sendmsg(descriptor, &message, Int32(MSG_NOSIGNAL))
            #endif
        }
    }

    /// Reads what is available, blocking until something is.
    /// - Returns: the number of bytes read into `buffer`; 0 when the peer closed the connection.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(LambdaRuntimeError) -> Int {
        while true {
            let count = recv(self.descriptor, buffer.baseAddress, buffer.count, 0)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            if errno == ECONNRESET { return 0 }
            throw LambdaRuntimeError(.runtimeAPIFailed, "Reading from the Runtime API failed: \(Self.describe(errno))")
        }
    }

    /// Shuts the connection down in both directions: a read blocked on it, in any thread, returns at once.
    func interrupt() {
        _ = shutdown(self.descriptor, Int32(SHUT_RDWR))
    }

    private static func describe(_ error: Int32) -> String {
        String(cString: strerror(error))
    }
}
