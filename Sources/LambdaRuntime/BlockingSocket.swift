#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A connected TCP socket whose reads and writes block the calling thread: the Runtime API client's transport, the
/// AWS clients' on a Lambda worker's thread, and the local Runtime API's side of a runtime's connection.
///
/// Reads and writes retry on `EINTR` and writes continue after a partial write; a failure throws an
/// ``HTTPWireError`` naming the call and `errno`. One thread reads and writes; any other may call ``interrupt()`` to
/// wake a blocked read. The descriptor is closed when the last reference goes, so an interrupting thread never
/// reaches a descriptor number the kernel has handed out again.
package final class BlockingSocket: Sendable {
    private let descriptor: Int32

    /// Connects to `host` (a name, an IPv4 address, or an IPv6 one, bracketed or not) on `port` with `TCP_NODELAY`
    /// set, each attempt taking at most `connectTimeoutMilliseconds`. An IP address is connected to directly; a host
    /// name is resolved first, and each of its addresses tried in turn.
    package init(host: String, port: Int, connectTimeoutMilliseconds: Int32) throws(HTTPWireError) {
        var hints = addrinfo.streamSocketHints(flags: AI_NUMERICSERV)
        var resolved: UnsafeMutablePointer<addrinfo>?
        // An IPv6 literal comes bracketed in `host:port` form, as in `[::1]:9001`.
        let name = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        let status = getaddrinfo(name, String(port), &hints, &resolved)
        guard status == 0, let first = resolved else {
            throw HTTPWireError(.connectFailed, "Cannot resolve \(host): \(String(cString: gai_strerror(status)))")
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
            let error = Self.connect(
                descriptor, to: entry.pointee.ai_addr, length: entry.pointee.ai_addrlen,
                timeoutMilliseconds: connectTimeoutMilliseconds)
            if error == 0 {
                Self.disableNagle(descriptor)
                self.descriptor = descriptor
                return
            }
            lastError = error
            close(descriptor)
        }
        throw HTTPWireError(.connectFailed, "Cannot connect to \(host):\(port): \(Self.describe(lastError))")
    }

    /// Takes over `descriptor`, a connected stream socket (one that a listening socket accepted), and sets
    /// `TCP_NODELAY` on it: the socket closes it when the last reference goes.
    package init(adopting descriptor: Int32) {
        Self.disableNagle(descriptor)
        self.descriptor = descriptor
    }

    /// Sets `TCP_NODELAY`: each write goes out at once rather than waiting for the peer's acknowledgement of the last.
    private static func disableNagle(_ descriptor: Int32) {
        var enabled: Int32 = 1
        _ = setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &enabled, socklen_t(MemoryLayout<Int32>.size))
    }

    deinit {
        close(self.descriptor)
    }

    /// Connects without blocking longer than `timeoutMilliseconds`, then makes the socket blocking again.
    /// - Returns: 0, or the `errno` of the failure.
    private static func connect(
        _ descriptor: Int32, to address: UnsafePointer<sockaddr>, length: socklen_t, timeoutMilliseconds: Int32
    ) -> Int32 {
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
            ready = poll(&waiting, 1, timeoutMilliseconds)
        } while ready < 0 && errno == EINTR
        guard ready > 0 else { return ready == 0 ? ETIMEDOUT : errno }
        var error: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &error, &length) == 0 else { return errno }
        return error
    }

    /// Bounds each later read and write: one that waits longer than `milliseconds` (at least one) throws
    /// ``HTTPWireError/Kind/timedOut``; 0 lets them wait for ever, as they do on a new socket.
    package func limitWaits(toMilliseconds milliseconds: Int) throws(HTTPWireError) {
        let limit = milliseconds == 0 ? 0 : max(milliseconds, 1)
        var interval = timeval(tv_sec: .init(limit / 1000), tv_usec: .init((limit % 1000) * 1000))
        let length = socklen_t(MemoryLayout<timeval>.size)
        guard setsockopt(self.descriptor, SOL_SOCKET, SO_RCVTIMEO, &interval, length) == 0,
            setsockopt(self.descriptor, SOL_SOCKET, SO_SNDTIMEO, &interval, length) == 0
        else {
            throw HTTPWireError(.ioFailed, "Cannot bound the socket's waits: \(Self.describe(errno))")
        }
    }

    /// Writes all of `head`, then all of `body`, in as few `sendmsg` calls as the kernel allows.
    package func write(_ head: UnsafeRawBufferPointer, _ body: UnsafeRawBufferPointer) throws(HTTPWireError) {
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
                if errno == EAGAIN || errno == EWOULDBLOCK { throw HTTPWireError(.timedOut, "A write timed out") }
                throw HTTPWireError(.ioFailed, "Writing failed: \(Self.describe(errno))")
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
    package func read(into buffer: UnsafeMutableRawBufferPointer) throws(HTTPWireError) -> Int {
        while true {
            let count = recv(self.descriptor, buffer.baseAddress, buffer.count, 0)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            if errno == ECONNRESET { return 0 }
            if errno == EAGAIN || errno == EWOULDBLOCK { throw HTTPWireError(.timedOut, "A read timed out") }
            throw HTTPWireError(.ioFailed, "Reading failed: \(Self.describe(errno))")
        }
    }

    /// Shuts the connection down in both directions: a read blocked on it, in any thread, returns at once.
    package func interrupt() {
        _ = shutdown(self.descriptor, Int32(SHUT_RDWR))
    }

    private static func describe(_ error: Int32) -> String {
        String(cString: strerror(error))
    }
}
