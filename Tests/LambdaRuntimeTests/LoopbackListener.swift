import NIOCore
import NIOPosix

@testable import LambdaRuntime

/// A server channel on a free 127.0.0.1 port: what the test Runtime APIs listen with.
struct LoopbackListener: Sendable {
    private let channel: any Channel

    /// Listens, setting up the pipeline of each accepted connection with `configure`.
    static func start(
        configure: @escaping @Sendable (ChannelPipeline.SynchronousOperations) throws -> Void
    ) async throws -> LoopbackListener {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try configure(channel.pipeline.syncOperations) }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return LoopbackListener(channel: channel)
    }

    /// Where a client connects.
    var address: RuntimeAPIAddress {
        RuntimeAPIAddress(host: "127.0.0.1", port: self.channel.localAddress?.port ?? 0)
    }

    /// Stops listening.
    func stop() async {
        try? await self.channel.close()
    }
}
