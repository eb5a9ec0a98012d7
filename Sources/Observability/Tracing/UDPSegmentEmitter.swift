#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Sends segment documents to the X-Ray daemon as UDP datagrams, as the X-Ray SDKs do: fire and forget, one
/// non-blocking `sendto` per datagram, never waiting on the daemon (a datagram the socket cannot take is dropped).
public final class UDPSegmentEmitter: SegmentEmitter {
    /// The daemon the datagrams go to.
    public let address: XRayDaemonAddress
    private let descriptor: Int32
    private let destination: sockaddr_in

    /// Opens the socket; `nil` when `address` is not an IPv4 address or `localhost`, or no socket can be opened.
    public init?(address: XRayDaemonAddress) {
        var destination = sockaddr_in()
        destination.sin_family = sa_family_t(AF_INET)
        destination.sin_port = address.port.bigEndian
        let host = address.host == "localhost" ? "127.0.0.1" : address.host
        guard inet_pton(AF_INET, host, &destination.sin_addr) == 1 else { return nil }
        #if canImport(Darwin)
        let descriptor = socket(AF_INET, SOCK_DGRAM, 0)
        #else
        let descriptor = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        #endif
        guard descriptor >= 0 else { return nil }
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        self.address = address
        self.descriptor = descriptor
        self.destination = destination
    }

    deinit {
        close(self.descriptor)
    }

    /// Sends `document` as one or more datagrams, splitting off subsegments when it does not fit in one; never blocks
    /// or throws.
    public func emit(_ document: SegmentDocument) {
        for datagram in SegmentDatagrams.datagrams(for: document) {
            self.send(datagram)
        }
    }

    private func send(_ datagram: [UInt8]) {
        var destination = self.destination
        _ = datagram.withUnsafeBytes { bytes in
            withUnsafePointer(to: &destination) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                    sendto(
                        self.descriptor, bytes.baseAddress, bytes.count, 0, address,
                        socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
    }
}
