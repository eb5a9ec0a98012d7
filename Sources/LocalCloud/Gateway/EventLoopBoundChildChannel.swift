import HummingbirdCore
import LambdaRuntime
import Logging
import NIOCore

/// A server child channel whose connection task runs on the connection's own event loop.
///
/// Hummingbird starts each connection's task on the global executor, so every read the task awaits and every write it
/// hands to the channel crosses threads. With the connection's event loop as the task's executor preference, reading
/// the request, running the gateway and writing the answer all happen on the thread that does the connection's I/O.
struct EventLoopBoundChildChannel<Inner: ServerChildChannel>: ServerChildChannel {
    typealias Value = Inner.Value

    let inner: Inner

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        self.inner.setup(channel: channel, logger: logger)
    }

    func handle(value: Value, logger: Logger) async {
        await withTaskExecutorPreference(EventLoopTaskExecutor(value.channel.eventLoop)) {
            await self.inner.handle(value: value, logger: logger)
        }
    }
}

extension HTTPServerBuilder {
    /// HTTP/1.1 with each connection's task on the connection's event loop (``EventLoopBoundChildChannel``).
    static func http1OnConnectionEventLoop(configuration: HTTP1Channel.Configuration = .init()) -> HTTPServerBuilder {
        .init { responder in
            EventLoopBoundChildChannel(inner: HTTP1Channel(responder: responder, configuration: configuration))
        }
    }
}
