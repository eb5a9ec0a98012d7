import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Delivers a process signal as an async sequence instead of its default action.
///
/// `@unchecked Sendable`: a dispatch source may be cancelled from any thread.
final class SignalObserver: @unchecked Sendable {
    let signals: AsyncStream<Int32>
    private let source: any DispatchSourceSignal

    init(signal number: Int32) {
        signal(number, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
        let (stream, continuation) = AsyncStream<Int32>.makeStream()
        source.setEventHandler { continuation.yield(number) }
        source.setCancelHandler { continuation.finish() }
        source.resume()
        self.source = source
        self.signals = stream
    }

    func cancel() {
        self.source.cancel()
    }
}
