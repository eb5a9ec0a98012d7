import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a handler on a dispatch queue when the process receives a signal, instead of the signal's default action.
///
/// `@unchecked Sendable`: a dispatch source may be cancelled from any thread.
final class SignalObserver: @unchecked Sendable {
    private let source: any DispatchSourceSignal

    init(signal number: Int32, handler: @escaping @Sendable () -> Void) {
        signal(number, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
        source.setEventHandler(handler: handler)
        source.resume()
        self.source = source
    }

    /// Stops observing; the signal stays ignored.
    func cancel() {
        self.source.cancel()
    }
}
