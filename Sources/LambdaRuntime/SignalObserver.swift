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
/// The process's own signal handler is in place, and the signal unblocked in the calling thread (whose threads started
/// later inherit that), when the initializer returns: the handler writes the signal into a pipe, which
/// a dispatch source reads once ``startDelivering()`` is called. A signal that arrives before that, or before the
/// source is registered (which happens on a dispatch thread, later), waits in the pipe instead of being lost, as it
/// would be under `SIG_IGN` and a dispatch signal source alone.
///
/// `@unchecked Sendable`: a dispatch source may be cancelled from any thread.
final class SignalObserver: @unchecked Sendable {
    private let number: Int32
    private let source: any DispatchSourceRead

    init(signal number: Int32, handler: @escaping @Sendable () -> Void) {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { fatalError("SignalObserver: no pipe for signal \(number)") }
        for end in ends {
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
        }
        let (readEnd, writeEnd) = (ends[0], ends[1])
        self.number = number
        signalPipeWriteEnds[Int(number)] = writeEnd
        signal(number, forwardSignalToPipe)
        // A process inherits its blocked signals from whatever started it, and no thread of this one would take a
        // blocked signal: unblocked here, before the caller starts its threads, it reaches whichever thread runs.
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        sigaddset(&unblocked, number)
        pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)

        let source = DispatchSource.makeReadSource(fileDescriptor: readEnd, queue: .global())
        source.setEventHandler {
            var bytes = [UInt8](repeating: 0, count: 16)
            while read(readEnd, &bytes, bytes.count) > 0 {}
            handler()
        }
        source.setCancelHandler {
            close(readEnd)
            close(writeEnd)
        }
        self.source = source
    }

    /// Starts reading the pipe on a dispatch thread; the handler runs for every signal received since the initializer.
    func startDelivering() {
        self.source.resume()
    }

    /// Stops observing; the signal is ignored from then on.
    func cancel() {
        signal(self.number, SIG_IGN)
        signalPipeWriteEnds[Int(self.number)] = -1
        self.source.cancel()
    }
}

/// The write end of each observed signal's pipe, by signal number (-1 for none). Allocated once and never freed, and
/// set before the signal's handler is installed, so that the handler may read it.
nonisolated(unsafe) private let signalPipeWriteEnds: UnsafeMutablePointer<Int32> = {
    let ends = UnsafeMutablePointer<Int32>.allocate(capacity: 65)
    ends.initialize(repeating: -1, count: 65)
    return ends
}()

/// The process's handler for observed signals: only async-signal-safe work, one byte written to the signal's pipe.
private func forwardSignalToPipe(_ number: Int32) {
    let savedErrno = errno
    var byte = UInt8(truncatingIfNeeded: number)
    _ = write(signalPipeWriteEnds[Int(number)], &byte, 1)
    errno = savedErrno
}
