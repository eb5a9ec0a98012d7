import Synchronization
import Testing

@testable import LambdaRuntime

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The runtime's SIGTERM observer must not lose a signal that arrives before its dispatch thread reads: under
/// `SIG_IGN` and a dispatch signal source, a SIGTERM sent just after the first invocation was dropped, and Lambda's
/// shutdown would have ended in SIGKILL instead of a drain.
@Suite("SignalObserver", .serialized)
struct SignalObserverTests {
    @Test func aSignalRaisedBeforeDeliveryStartsIsHandledOnceItStarts() async throws {
        let handled = Mutex(0)
        let observer = SignalObserver(signal: SIGUSR2) { handled.withLock { $0 += 1 } }
        // To the process, as Lambda sends SIGTERM: the dispatch threads block most signals, this one included.
        kill(getpid(), SIGUSR2)
        try await Task.sleep(for: .milliseconds(20))
        #expect(handled.withLock { $0 } == 0)
        observer.startDelivering()
        for _ in 0..<400 where handled.withLock({ $0 }) == 0 {
            try await Task.sleep(for: .milliseconds(5))
        }
        #expect(handled.withLock { $0 } == 1)
        observer.cancel()
        // Cancelled, the signal is ignored rather than ending the test process.
        kill(getpid(), SIGUSR2)
    }
}
