import LambdaRuntime
import NIOCore

/// A blocking socket whose reads and writes give up at a deadline, the one of the exchange under way: each waits at
/// most until then and throws ``HTTPWireError/Kind/timedOut`` after.
///
/// The kernel's bound on a wait is set again only when the one in force has drifted from the time left: by more than
/// a sixteenth short of it (a wait would end that much early) or a quarter past it (that much late). Calls with the
/// same timeout, one after another on a kept connection, then share one bound, and cost no system call for it.
final class DeadlineBoundSocket: ByteSource {
    let socket: BlockingSocket
    /// When the exchange under way gives up.
    var deadline = NIODeadline.distantFuture
    /// The bound in force, in milliseconds; 0 for none.
    private var appliedMilliseconds = 0

    init(_ socket: BlockingSocket) {
        self.socket = socket
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(HTTPWireError) -> Int {
        try self.boundWait()
        return try self.socket.read(into: buffer)
    }

    /// Writes all of `head`, then all of `body`.
    func write(_ head: UnsafeRawBufferPointer, _ body: UnsafeRawBufferPointer) throws(HTTPWireError) {
        try self.boundWait()
        try self.socket.write(head, body)
    }

    /// Sets the kernel's bound to the time left when the one in force has drifted too far from it.
    private func boundWait() throws(HTTPWireError) {
        guard self.deadline != .distantFuture else {
            if self.appliedMilliseconds != 0 { try self.socket.limitWaits(toMilliseconds: 0) }
            self.appliedMilliseconds = 0
            return
        }
        let left = Int((self.deadline - .now()).nanoseconds / 1_000_000)
        guard left > 0 else { throw HTTPWireError(.timedOut, "The exchange's time ran out") }
        let applied = self.appliedMilliseconds
        guard applied == 0 || applied < left - left / 16 || applied > left + left / 4 else { return }
        try self.socket.limitWaits(toMilliseconds: left)
        self.appliedMilliseconds = left
    }
}
