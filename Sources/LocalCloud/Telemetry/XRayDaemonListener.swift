import NIOCore
import NIOPosix
import Synchronization

/// An X-Ray daemon on UDP, as functions find it through `AWS_XRAY_DAEMON_ADDRESS`: each datagram that carries a
/// valid header and segment document goes to the recorder; the others are counted and dropped.
public final class XRayDaemonListener: Sendable {
    /// The port it listens on (the one picked, when asked for port 0).
    public let port: Int
    private let channel: any Channel
    private let refusals: DroppedDatagramCounter

    private init(port: Int, channel: any Channel, refusals: DroppedDatagramCounter) {
        self.port = port
        self.channel = channel
        self.refusals = refusals
    }

    /// Starts listening on `host`:`port` (`0` picks a free port). The port is its alone: binding fails while another
    /// process listens on it (with `SO_REUSEADDR` a second `stratus serve` would share the port and take some of the
    /// first one's segments).
    public static func start(host: String = "127.0.0.1", port: Int, recorder: TelemetryRecorder) async throws
        -> XRayDaemonListener
    {
        let refusals = DroppedDatagramCounter()
        let channel = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            // The daemon reads up to 64 KB per datagram.
            .channelOption(.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: 64 * 1024))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        DatagramHandler(recorder: recorder, refusals: refusals))
                }
            }
            .bind(host: host, port: port)
            .get()
        return XRayDaemonListener(port: channel.localAddress?.port ?? port, channel: channel, refusals: refusals)
    }

    /// `host:port`, for `AWS_XRAY_DAEMON_ADDRESS`.
    public func address(host: String = "127.0.0.1") -> String { "\(host):\(self.port)" }

    /// How many datagrams were dropped as invalid.
    public var refusedDatagrams: Int { self.refusals.count.load(ordering: .relaxed) }

    /// Stops listening and closes the socket.
    public func close() async {
        try? await self.channel.close()
    }

    final class DroppedDatagramCounter: Sendable {
        let count = Atomic<Int>(0)
    }

    private final class DatagramHandler: ChannelInboundHandler, Sendable {
        typealias InboundIn = AddressedEnvelope<ByteBuffer>

        let recorder: TelemetryRecorder
        let refusals: DroppedDatagramCounter

        init(recorder: TelemetryRecorder, refusals: DroppedDatagramCounter) {
            self.recorder = recorder
            self.refusals = refusals
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let envelope = Self.unwrapInboundIn(data)
            do {
                self.recorder.receive(try DaemonDatagram.segment(from: envelope.data.readableBytesView))
            } catch {
                self.refusals.count.add(1, ordering: .relaxed)
            }
        }
    }
}
