import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The idle ``CallingThreadConnection``s of the calling thread, by client and endpoint: a connection is used only by
/// the thread that opened it, so each thread keeps its own, and closes them when it ends.
///
/// A thread keeps at most ``maximumPerThread``; keeping one more closes the one idle the longest.
enum CallingThreadConnections {
    /// How many idle connections one thread keeps, over all clients and endpoints.
    static let maximumPerThread = 16

    /// A kept connection's owner and address.
    private struct Key: Hashable {
        let client: UInt64
        let isSecure: Bool
        let host: String
        let port: Int
    }

    /// One thread's idle connections, the longest idle first.
    private final class Idle {
        var connections: [(key: Key, connection: CallingThreadConnection)] = []

        deinit {
            for entry in self.connections { entry.connection.close() }
        }
    }

    /// The thread-specific slot of the thread's ``Idle`` list, released (and its connections closed) by the thread
    /// itself when it exits.
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        let created = pthread_key_create(&key) { idle in
            guard let idle else { return }
            Unmanaged<Idle>.fromOpaque(idle).release()
        }
        precondition(created == 0, "No thread-specific key is left for the AWS client's connections")
        return key
    }()

    /// Takes the calling thread's idle connection of `client` to `url`'s endpoint, if it has one.
    static func take(client: UInt64, url: HTTPURL) -> CallingThreadConnection? {
        guard let idle = self.existingIdle else { return nil }
        let key = Key(client: client, isSecure: url.isSecure, host: url.host, port: url.port)
        guard let index = idle.connections.lastIndex(where: { $0.key == key }) else { return nil }
        return idle.connections.remove(at: index).connection
    }

    /// Keeps `connection` for the calling thread's next call of `client` to `url`'s endpoint.
    static func keep(_ connection: CallingThreadConnection, client: UInt64, url: HTTPURL) {
        let idle = self.existingIdle ?? self.makeIdle()
        if idle.connections.count >= Self.maximumPerThread {
            idle.connections.removeFirst().connection.close()
        }
        idle.connections.append(
            (Key(client: client, isSecure: url.isSecure, host: url.host, port: url.port), connection))
    }

    /// Closes the calling thread's idle connections of `client`.
    static func closeAll(client: UInt64) {
        guard let idle = self.existingIdle else { return }
        for entry in idle.connections where entry.key.client == client { entry.connection.close() }
        idle.connections.removeAll { $0.key.client == client }
    }

    /// The calling thread's list, if it has made one.
    private static var existingIdle: Idle? {
        pthread_getspecific(Self.key).map { Unmanaged<Idle>.fromOpaque($0).takeUnretainedValue() }
    }

    /// A new list for the calling thread, which holds it until it exits.
    private static func makeIdle() -> Idle {
        let idle = Idle()
        pthread_setspecific(Self.key, Unmanaged.passRetained(idle).toOpaque())
        return idle
    }
}
