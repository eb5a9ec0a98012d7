import LambdaRuntime
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Runtime API's listening socket, with a thread that accepts on it and gives each runtime connection a thread
/// of its own (``RuntimeAPIConnection``). ``stop()`` closes the socket and every connection, from any thread.
final class RuntimeAPIListener: Sendable {
    /// The port the socket is bound to (the one the system picked, when asked for port 0).
    let port: Int
    private let descriptor: Int32
    private let state = Mutex(State())

    private struct State {
        var stopped = false
        var connections: [ObjectIdentifier: RuntimeAPIConnection] = [:]
    }

    /// A socket listening on `host:port`; `host` is an IP address (IPv4, or IPv6 unbracketed), port 0 picks a free
    /// port.
    init(host: String, port: Int) throws(RuntimeAPIListenerError) {
        var hints = addrinfo.streamSocketHints(flags: AI_NUMERICHOST | AI_NUMERICSERV | AI_PASSIVE)
        var resolved: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &resolved)
        guard status == 0, let address = resolved else {
            throw RuntimeAPIListenerError("\(host) is not an IP address to listen on")
        }
        defer { freeaddrinfo(address) }
        // Close-on-exec from the start: a function process spawned meanwhile must not inherit the socket.
        #if canImport(Glibc)
        let type = address.pointee.ai_socktype | Int32(SOCK_CLOEXEC.rawValue)
        #else
        let type = address.pointee.ai_socktype
        #endif
        let descriptor = socket(address.pointee.ai_family, type, address.pointee.ai_protocol)
        guard descriptor >= 0 else { throw RuntimeAPIListenerError(calling: "socket") }
        #if !canImport(Glibc)
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        #endif
        var enabled: Int32 = 1
        _ = setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &enabled, socklen_t(MemoryLayout<Int32>.size))
        guard bind(descriptor, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0,
            listen(descriptor, 64) == 0
        else {
            let error = RuntimeAPIListenerError(calling: "bind", on: "\(host):\(port)")
            close(descriptor)
            throw error
        }
        self.descriptor = descriptor
        self.port = Self.boundPort(of: descriptor) ?? port
    }

    /// Starts the thread that accepts connections; each is served by `emulator` on a thread of its own.
    func start(serving emulator: RuntimeAPIEmulator) throws(RuntimeAPIListenerError) {
        guard WorkerThread.start({ self.acceptConnections(for: emulator) }) else {
            close(self.descriptor)
            throw RuntimeAPIListenerError("no thread could be started to accept connections")
        }
    }

    /// Stops accepting and closes every connection: a runtime waiting in `next` sees its connection end.
    func stop() {
        let connections = self.state.withLock { state -> [RuntimeAPIConnection] in
            defer { state.connections = [:] }
            if !state.stopped {
                state.stopped = true
                // Wakes the accepting thread, which closes the socket on its way out.
                _ = shutdown(self.descriptor, Int32(SHUT_RDWR))
            }
            return Array(state.connections.values)
        }
        for connection in connections { connection.close() }
    }

    private func acceptConnections(for emulator: RuntimeAPIEmulator) {
        // Closed under the lock, once `stop()` can no longer shut down a descriptor number handed out again.
        defer {
            self.state.withLock { state in
                state.stopped = true
                close(self.descriptor)
            }
        }
        while true {
            let accepted = Self.acceptClosingOnExec(self.descriptor)
            guard accepted >= 0 else {
                if errno == EINTR || errno == ECONNABORTED { continue }
                // Stopped (the shut-down socket refuses with EINVAL), or out of descriptors: a runtime that cannot
                // connect fails its own way, and the emulator reports its exit.
                if errno == EMFILE || errno == ENFILE, !self.state.withLock({ $0.stopped }) {
                    usleep(10_000)
                    continue
                }
                return
            }
            let connection = RuntimeAPIConnection(socket: BlockingSocket(adopting: accepted))
            let key = ObjectIdentifier(connection)
            let admitted = self.state.withLock { state in
                guard !state.stopped else { return false }
                state.connections[key] = connection
                return true
            }
            guard admitted else { return }
            let started = WorkerThread.start {
                connection.serve(emulator)
                _ = self.state.withLock { $0.connections.removeValue(forKey: key) }
            }
            if !started {
                _ = self.state.withLock { $0.connections.removeValue(forKey: key) }
            }
        }
    }

    /// Accepts a connection whose descriptor closes on `exec`: no function process inherits another's connection
    /// to the Runtime API (it could read that function's events and answer for it). Glibc's module does not export
    /// `accept4`, so the flag is set just after; `ChildProcess` also closes every descriptor above standard error in
    /// the processes it spawns, which covers a spawn in between.
    private static func acceptClosingOnExec(_ descriptor: Int32) -> Int32 {
        let accepted = accept(descriptor, nil, nil)
        if accepted >= 0 { _ = fcntl(accepted, F_SETFD, FD_CLOEXEC) }
        return accepted
    }

    private static func boundPort(of descriptor: Int32) -> Int? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let named = withUnsafeMutableBytes(of: &storage) { raw in
            getsockname(descriptor, raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), &length)
        }
        guard named == 0 else { return nil }
        switch Int32(storage.ss_family) {
        case AF_INET:
            return withUnsafeBytes(of: &storage) { Int(UInt16(bigEndian: $0.load(as: sockaddr_in.self).sin_port)) }
        case AF_INET6:
            return withUnsafeBytes(of: &storage) { Int(UInt16(bigEndian: $0.load(as: sockaddr_in6.self).sin6_port)) }
        default:
            return nil
        }
    }
}
